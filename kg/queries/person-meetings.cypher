// A person's meetings and the role they had at each (chair, present, on_leave, invited, observer, recorder).
// param: person
MATCH (p:Person {name: $person})
CALL (p) {
  MATCH (m:Meeting)-[:CHAIR]->(p) RETURN m, 'chair' AS role
  UNION ALL
  MATCH (p)-[a:ATTENDED]->(m:Meeting) RETURN m, a.role AS role
}
RETURN DISTINCT $person AS person, m.date AS date, m.name AS meeting, role
ORDER BY date, meeting, role
