// A project's history: each meeting item that took it up (by any of its names), and what was decided there.
// param: subject
// param: since=
// param: until=
// param: in_government=
MATCH (p:Project)
WHERE $subject IN [p.name] + coalesce(p.aliases, [])
MATCH (m:Meeting)-[:HAS_ITEM]->(i:AgendaItem)-[:CONCERNS]->(p)
OPTIONAL MATCH (i)-[:HAS_DECISION]->(decision:Decision)
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN DISTINCT $subject AS subject, $since AS since, $until AS until, $in_government AS in_government, m.date AS date, m.name AS meeting, i.number AS number, i.name AS item,
       decision.outcome AS outcome, decision.next_step AS next_step
ORDER BY date, meeting, number, outcome, next_step
