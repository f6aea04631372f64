// A meeting's decisions: on which item, the outcome, the document and its status, the next step, the sentence.
// param: meeting
MATCH (m:Meeting {name: $meeting})-[:HAS_ITEM]->(i:AgendaItem)-[:HAS_DECISION]->(d:Decision)
OPTIONAL MATCH (d)-[:ABOUT_DOCUMENT]->(doc:Document)
RETURN DISTINCT $meeting AS meeting, i.number AS number, d.outcome AS outcome, doc.name AS document,
       d.document_status AS status, d.next_step AS next_step, d.quote AS quote
ORDER BY number, quote, document
