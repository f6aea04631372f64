// A document's or project's timeline across meetings: each item that took it up, and what was decided on it.
// param: subject
MATCH (m:Meeting)-[:HAS_ITEM]->(i:AgendaItem)-[:DISCUSSES|CONCERNS]->(x {name: $subject})
OPTIONAL MATCH (i)-[:HAS_DECISION]->(dec:Decision)-[:ABOUT_DOCUMENT]->(x)
MATCH (m)-[:BODY]->(body)
RETURN DISTINCT $subject AS subject, body.name AS government, m.date AS date, m.name AS meeting, i.number AS number,
       dec.outcome AS outcome, dec.document_status AS status, dec.next_step AS next_step
ORDER BY date, meeting, number, outcome, next_step
