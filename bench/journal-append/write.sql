-- A journaled write since issue 20, as the app sends it: the change and its entry (in journal_pending) in one
-- transaction, no lock; after COMMIT, the drain (one statement, outside the transaction).
BEGIN;
INSERT INTO bench_changes (at, person, note) VALUES (now(), gen_random_uuid(), 'entretien');
INSERT INTO journal_pending ("At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address")
    VALUES (now(), gen_random_uuid(), 'TravailleurSocial', gen_random_uuid(), 'Ecriture', 'entretien: Accompagnements', NULL, NULL, '10.0.0.1');
COMMIT;
CALL discret_journal_drain(50);
