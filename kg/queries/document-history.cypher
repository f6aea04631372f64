// A document's history: each meeting that took it up, with its status then (征求意见稿, 送审稿 …) and what was decided.
// param: subject
MATCH (doc:Document)
WHERE $subject IN [doc.name] + coalesce(doc.aliases, [])
MATCH (i:AgendaItem)-[:HAS_STAGE]->(s:DocumentStage)-[:STAGE_OF]->(doc), (s)-[:AT_MEETING]->(m:Meeting)
OPTIONAL MATCH (i)-[:HAS_DECISION]->(decision:Decision)-[:ABOUT_DOCUMENT]->(doc)
RETURN DISTINCT $subject AS subject, s.date AS date, m.name AS meeting, i.number AS number,
       s.document_status AS status, decision.outcome AS outcome, decision.next_step AS next_step
ORDER BY date, meeting, number, status, outcome, next_step
