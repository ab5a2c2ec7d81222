-- How long one chain batch holds the head: 50 entries made pending, then one discret_journal_chain(50), each timed
-- (pgbench -r): the head is held only inside the second statement.
INSERT INTO journal_pending ("At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address")
    SELECT now(), gen_random_uuid(), 'TravailleurSocial', gen_random_uuid(), 'Lecture', 'Identite,Coordonnees,Accompagnements', NULL, NULL, '10.0.0.1'
    FROM generate_series(1, 50);
SELECT discret_journal_chain(50);
