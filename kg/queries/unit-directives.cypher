// The directives addressed to a unit (by any of its names) across meetings: when, at which meeting and item, what was asked.
// param: unit
MATCH (u:Organization)
WHERE $unit IN [u.name] + coalesce(u.aliases, []) + coalesce(u.hidden_label, [])
MATCH (u)<-[:ADDRESSEE]-(x:Directive)<-[:HAS_DIRECTIVE]-(i:AgendaItem)<-[:HAS_ITEM]-(m:Meeting)
MATCH (m)-[:BODY]->(body)
RETURN DISTINCT $unit AS unit, body.name AS government, m.date AS date, m.name AS meeting, i.number AS number, x.verb AS verb,
       x.description AS directive
ORDER BY date, meeting, number, directive
