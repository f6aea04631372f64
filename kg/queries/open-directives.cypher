// What was asked of a unit (by any of its names) and not taken up again: no later meeting of the same government has an item the unit presented, or one on the same document or project.
// param: unit
// param: since=
// param: until=
// param: in_government=
MATCH (u:Organization)
WHERE $unit IN [u.name] + coalesce(u.aliases, []) + coalesce(u.hidden_label, [])
MATCH (u)<-[:ADDRESSEE]-(x:Directive)<-[:HAS_DIRECTIVE]-(i:AgendaItem)<-[:HAS_ITEM]-(m:Meeting)-[:BODY]->(g)
WHERE NOT EXISTS {
  MATCH (g)<-[:BODY]-(later:Meeting)-[:HAS_ITEM]->(j:AgendaItem)
  WHERE later.date > m.date
    AND ((j)-[:PRESENTER]->(u)
         OR EXISTS { (i)-[:DISCUSSES]->(:Document)<-[:DISCUSSES]-(j) }
         OR EXISTS { (i)-[:CONCERNS]->(:Project)<-[:CONCERNS]-(j) })
}
WITH * WHERE ($since = '' OR m.date >= $since)
  AND ($until = '' OR substring(m.date, 0, size($until)) <= $until)
  AND ($in_government = '' OR EXISTS { MATCH (m)-[:BODY]->(in_body)
       WHERE $in_government IN [in_body.name] + coalesce(in_body.aliases, []) + coalesce(in_body.hidden_label, []) })
RETURN DISTINCT $unit AS unit, $since AS since, $until AS until, $in_government AS in_government, g.name AS government, m.date AS date, m.name AS meeting, i.number AS number, x.description AS directive
ORDER BY government, date, meeting, number, directive
