// A project's history: each meeting item that took it up (by any of its names), and what was decided there.
// param: subject
MATCH (p:Project)
WHERE $subject IN [p.name] + coalesce(p.aliases, [])
MATCH (m:Meeting)-[:HAS_ITEM]->(i:AgendaItem)-[:CONCERNS]->(p)
OPTIONAL MATCH (i)-[:HAS_DECISION]->(decision:Decision)
RETURN DISTINCT $subject AS subject, m.date AS date, m.name AS meeting, i.number AS number, i.name AS item,
       decision.outcome AS outcome, decision.next_step AS next_step
ORDER BY date, meeting, number, outcome, next_step
