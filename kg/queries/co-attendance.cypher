// Who attends most often with a person: each other person listed at (or chairing) the same meetings, with the count.
// param: person
MATCH (p:Person {name: $person})-[:ATTENDED|CHAIR]-(m:Meeting)-[:ATTENDED|CHAIR]-(o:Person)
WHERE o <> p
RETURN $person AS person, o.name AS other, count(DISTINCT m) AS meetings
ORDER BY meetings DESC, other
