// Documents waiting for a next step (提请…审议, 印发 …): the decision's step, the document, its status, the meeting.
// param: step=
MATCH (m:Meeting)-[:HAS_ITEM]->(:AgendaItem)-[:HAS_DECISION]->(d:Decision)-[:ABOUT_DOCUMENT]->(doc:Document)
WHERE d.next_step CONTAINS $step
RETURN DISTINCT $step AS step, doc.name AS document, d.document_status AS status, d.next_step AS next_step,
       m.date AS date, m.name AS meeting
ORDER BY date, meeting, document, next_step
