// The directives addressed to a unit (by any of its names) across meetings: when, at which meeting and item, what was asked.
// param: unit
// param: since=
// param: until=
// param: in_government=
MATCH (u:Organization)
WHERE $unit IN [u.name] + coalesce(u.aliases, []) + coalesce(u.hidden_label, [])
MATCH (u)<-[:ADDRESSEE]-(x:Directive)<-[:HAS_DIRECTIVE]-(i:AgendaItem)<-[:HAS_ITEM]-(m:Meeting)
MATCH (m)-[:BODY]->(body)
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN DISTINCT $unit AS unit, $since AS since, $until AS until, $in_government AS in_government, body.name AS government, m.date AS date, m.name AS meeting, i.number AS number, x.verb AS verb,
       x.description AS directive
ORDER BY date, meeting, number, directive
