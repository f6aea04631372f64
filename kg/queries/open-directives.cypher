// What was asked of a unit (by any of its names) and not taken up again: no later meeting of the same government has an item the unit presented, or one on the same document or project.
// param: unit
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
RETURN DISTINCT $unit AS unit, g.name AS government, m.date AS date, m.name AS meeting, i.number AS number, x.description AS directive
ORDER BY government, date, meeting, number, directive
