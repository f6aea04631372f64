// A document's history: each meeting that took it up, with its status then (征求意见稿, 送审稿 …) and what was decided.
// param: subject
// param: since=
// param: until=
// param: in_government=
MATCH (doc:Document)
WHERE $subject IN [doc.name] + coalesce(doc.aliases, [])
MATCH (i:AgendaItem)-[:HAS_STAGE]->(s:DocumentStage)-[:STAGE_OF]->(doc), (s)-[:AT_MEETING]->(m:Meeting)
OPTIONAL MATCH (i)-[:HAS_DECISION]->(decision:Decision)-[:ABOUT_DOCUMENT]->(doc)
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN DISTINCT $subject AS subject, $since AS since, $until AS until, $in_government AS in_government, s.date AS date, m.name AS meeting, i.number AS number,
       s.document_status AS status, decision.outcome AS outcome, decision.next_step AS next_step
ORDER BY date, meeting, number, status, outcome, next_step
