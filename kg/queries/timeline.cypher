// A document's or project's timeline across meetings: each item that took it up, and what was decided on it.
// param: subject
// param: since=
// param: until=
// param: in_government=
MATCH (m:Meeting)-[:HAS_ITEM]->(i:AgendaItem)-[:DISCUSSES|CONCERNS]->(x {name: $subject})
OPTIONAL MATCH (i)-[:HAS_DECISION]->(dec:Decision)-[:ABOUT_DOCUMENT]->(x)
MATCH (m)-[:BODY]->(body)
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN DISTINCT $subject AS subject, $since AS since, $until AS until, $in_government AS in_government, body.name AS government, m.date AS date, m.name AS meeting, i.number AS number,
       dec.outcome AS outcome, dec.document_status AS status, dec.next_step AS next_step
ORDER BY date, meeting, number, outcome, next_step
