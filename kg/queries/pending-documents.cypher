// Documents waiting for a next step (提请…审议, 印发 …) that no later meeting has taken up: the government, the document, its status, the step, the meeting.
// param: step=
// param: since=
// param: until=
// param: in_government=
MATCH (m:Meeting)-[:HAS_ITEM]->(:AgendaItem)-[:HAS_DECISION]->(d:Decision)-[:ABOUT_DOCUMENT]->(doc:Document)
WHERE d.next_step CONTAINS $step
MATCH (m)-[:BODY]->(body)
OPTIONAL MATCH (later:Meeting)-[:HAS_ITEM]->(:AgendaItem)-[:DISCUSSES]->(doc)
WITH m, d, doc, body, max(later.date) AS last
WHERE last IS NULL OR m.date IS NULL OR last <= m.date
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN DISTINCT $step AS step, $since AS since, $until AS until, $in_government AS in_government, body.name AS government, doc.name AS document, d.document_status AS status,
       d.next_step AS next_step, m.date AS date, m.name AS meeting
ORDER BY date, meeting, document, next_step
