-- A journaled read since issue 20: the entry committed in journal_pending, then chained with the others pending, in one
-- round trip (discret_journal_record); the head is held only inside discret_journal_chain.
CALL discret_journal_record(now(), gen_random_uuid(), 'TravailleurSocial', gen_random_uuid(), 'Lecture', 'Identite,Coordonnees,Accompagnements', NULL, NULL, '10.0.0.1', 50);
