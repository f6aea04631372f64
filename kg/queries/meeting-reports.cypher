// Which units reported or submitted papers at a meeting, and on which items.
// param: meeting
MATCH (m:Meeting {name: $meeting})-[:HAS_ITEM]->(i:AgendaItem)-[:PRESENTER]->(u:Organization)
RETURN DISTINCT $meeting AS meeting, i.number AS number, i.kind AS kind, u.name AS unit, i.name AS title
ORDER BY number, unit
