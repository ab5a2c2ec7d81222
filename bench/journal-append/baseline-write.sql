-- The plain-SQL baseline of a write: the change and an unchained journal row in one transaction.
BEGIN;
INSERT INTO bench_changes (at, person, note) VALUES (now(), gen_random_uuid(), 'entretien');
INSERT INTO bench_plain ("At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address")
    VALUES (now(), gen_random_uuid(), 'TravailleurSocial', gen_random_uuid(), 'Ecriture', 'entretien: Accompagnements', NULL, NULL, '10.0.0.1');
COMMIT;
