// The directives addressed to a unit across meetings: when, at which meeting and item, what was asked.
// param: unit
MATCH (u:Organization {name: $unit})<-[:ADDRESSEE]-(x:Directive)<-[:HAS_DIRECTIVE]-(i:AgendaItem)
MATCH (m:Meeting)-[:HAS_ITEM]->(i)
RETURN $unit AS unit, m.date AS date, m.name AS meeting, i.number AS number, x.verb AS verb,
       x.description AS directive
ORDER BY date, meeting, number, directive
