// A person's meetings and the role they had at each (chair, present, on_leave, invited, observer, recorder).
// param: person
// param: since=
// param: until=
// param: in_government=
MATCH (p:Person {name: $person})
CALL (p) {
  MATCH (m:Meeting)-[:CHAIR]->(p) RETURN m, 'chair' AS role
  UNION ALL
  MATCH (p)-[a:ATTENDED]->(m:Meeting) RETURN m, a.role AS role
}
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN DISTINCT $person AS person, $since AS since, $until AS until, $in_government AS in_government, m.date AS date, m.name AS meeting, role
ORDER BY date, meeting, role
