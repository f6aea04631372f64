// Who attends most often with a person: each other person listed at (or chairing) the same meetings, with the count.
// param: person
// param: since=
// param: until=
// param: in_government=
MATCH (p:Person {name: $person})-[:ATTENDED|CHAIR]-(m:Meeting)-[:ATTENDED|CHAIR]-(o:Person)
WHERE o <> p
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN $person AS person, $since AS since, $until AS until, $in_government AS in_government, o.name AS other, count(DISTINCT m) AS meetings
ORDER BY meetings DESC, other
