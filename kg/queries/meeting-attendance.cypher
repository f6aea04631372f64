// Who chaired and who attended a meeting, by role (chair, present, on_leave, invited, observer, recorder).
// param: meeting
MATCH (m:Meeting {name: $meeting})
CALL (m) {
  MATCH (m)-[:CHAIR]->(p:Person) RETURN 'chair' AS role, p
  UNION ALL
  MATCH (p:Person)-[a:ATTENDED]->(m) RETURN a.role AS role, p
}
RETURN DISTINCT $meeting AS meeting, role, p.name AS person
ORDER BY role, person
