-- The plain-SQL baseline: the same row inserted with no chain and no lock, committed on its own.
INSERT INTO bench_plain ("At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address")
    VALUES (now(), gen_random_uuid(), 'TravailleurSocial', gen_random_uuid(), 'Lecture', 'Identite,Coordonnees,Accompagnements', NULL, NULL, '10.0.0.1');
