// Who held a post (常务副县长 …) in a year, month or on a day (date=2025, 2025-11 or 2025-11-05; empty: ever), by government.
// param: title
// param: date=
MATCH (h:PostHolding)-[:POST]->(post:Post {name: $title})-[:POST_IN]->(g:Organization)
MATCH (h)-[:MEMBER]->(p:Person), (h)-[:AT_MEETING]->(m:Meeting)
WHERE h.held_on STARTS WITH $date
RETURN DISTINCT $title AS title, $date AS date, g.name AS government, p.name AS person,
       h.held_on AS held_on, m.name AS meeting
ORDER BY government, held_on, person
