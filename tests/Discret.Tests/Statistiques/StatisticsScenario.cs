using System.Globalization;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Agenda;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Discret.Tests.Statistiques;

/// <summary>
/// The hand-made data set the statistics figures are checked on (<see cref="StatisticsFiguresTests"/>): 65 fictional
/// persons of the two circonscriptions Valmont-Nord (N) and Valmont-Sud (S), their households, follow-ups, interviews,
/// consents, sharings, rights requests, information records, refusals of computerisation, break-glass accesses and
/// appointments, in 2024, 2025 and 2026 up to 15 June. Written as a table so that a reader can count by hand; every
/// date and time is a Paris one. Keys: R01–R25 are the persons received in 2025 (R01–R13 files of N, R14–R25 of S; the
/// others of their households are R01P (partner), R01E (child), R07A (other)…, M19 the mother of R19), D1–D7 the persons
/// whose first appointment is in the first quarter of 2026, X1 one whose first appointment was in December 2025, Z1 a
/// file of June 2026, P1–P6 the files that became paper-only.
/// </summary>
public static class StatisticsScenario
{
    public const string Nord = "Valmont-Nord";
    public const string Sud = "Valmont-Sud";

    /// <summary>
    /// Sections: households (city as written: "-" none, quotes keep spaces), persons, follow-ups (one per holder: the
    /// holder's key names it; its circonscription is its own, R25's is N while her file is in S), interviews (in the
    /// holder's follow-up; the holder is the only person present), consents, sharings, rights requests (with the
    /// request's circonscription: R25's is N), information records, paper-only files, break-glass accesses, appointments.
    /// Links: Ref (personne de référence), Conjoint, Enfant, Parent, Famille (autre membre de la famille), Autre (autre personne).
    /// </summary>
    public const string DataSet = """
    [households]
    # key | city as written ("-" = none; quotes keep spaces)
    H01 | Valmont
    H02 | Saint-Fictif
    H03 | Bourg-Imaginaire
    H04 | " valmont "
    H05 | Montrevel-Fictif
    H06 | Saint-Fictif
    H07 | Bourg-Imaginaire
    H08 | -
    H09 | VALMONT
    H10 | Saint-Fictif
    H11 | Montrevel-Fictif
    H12 | valmont
    H13 | Bourg-Imaginaire
    H14 | "Valmont "
    H15 | Saint-Fictif
    H16 | Bourg-Imaginaire
    H17 | Saint-Fictif
    H18 | Valmont
    H19 | -
    H20 | Montrevel-Fictif
    H21 | " Saint-Fictif"
    H22 | Montrevel-Fictif
    H23 | valmont
    H24 | Bourg-Imaginaire
    H25 | -
    HD1 | Saint-Fictif
    HD2 | Valmont
    HD3 | Bourg-Imaginaire
    HD4 | Valmont
    HD5 | Saint-Fictif
    HD6 | Montrevel-Fictif
    HD7 | Valmont
    HX1 | Valmont
    HZ1 | Saint-Fictif
    HP1 | -
    HP2 | -
    HP3 | -
    HP4 | -
    HP5 | -
    HP6 | -

    [persons]
    # key | circonscription | household | link | born | file created (Paris time)
    R01  | N | H01 | Ref      | 1979-04-12 | 2024-02-05 09:00
    R01P | N | H01 | Conjoint | 1978-01-20 | 2024-02-05 09:00
    R01E | N | H01 | Enfant   | 2012-06-02 | 2024-02-05 09:00
    R02  | N | H02 | Ref      | 1988-07-03 | 2024-03-11 09:00
    R02P | N | H02 | Conjoint | 1987-02-14 | 2024-03-11 09:00
    R02E | N | H02 | Enfant   | 2016-09-30 | 2024-03-11 09:00
    R03  | N | H03 | Ref      | 1975-11-21 | 2024-04-15 09:00
    R03P | N | H03 | Conjoint | 1976-05-05 | 2024-04-15 09:00
    R03E | N | H03 | Enfant   | 2009-01-12 | 2024-04-15 09:00
    R04  | N | H04 | Ref      | 1958-02-14 | 2024-05-06 09:00
    R04P | N | H04 | Conjoint | 1957-08-23 | 2024-05-06 09:00
    R05  | N | H05 | Ref      | 1986-03-10 | 2024-06-10 09:00
    R05P | N | H05 | Conjoint | 1985-12-01 | 2024-06-10 09:00
    R06  | N | H06 | Ref      | 1993-06-25 | 2024-09-09 09:00
    R06E | N | H06 | Enfant   | 2019-04-17 | 2024-09-09 09:00
    R07  | N | H07 | Ref      | 2007-09-10 | 2024-10-14 09:00
    R07A | N | H07 | Autre    | 2006-03-03 | 2024-10-14 09:00
    R08  | N | H08 | Ref      | 2003-01-30 | 2024-11-04 09:00
    R08A | N | H08 | Parent   | 1969-10-10 | 2024-11-04 09:00
    R09  | N | H09 | Ref      | 1946-08-08 | 2024-12-02 09:00
    R10  | N | H10 | Ref      | 2004-05-19 | 2025-01-13 09:00
    R11  | N | H11 | Ref      | 1962-10-02 | 2025-03-03 09:00
    R11P | N | H11 | Conjoint | 1960-04-04 | 2025-03-03 09:00
    R12  | N | H12 | Ref      | 1983-12-09 | 2025-04-01 00:30
    R12E | N | H12 | Enfant   | 2014-02-22 | 2025-04-01 00:30
    R13  | N | H13 | Ref      | 1971-01-27 | 2025-08-18 09:00
    R14  | S | H14 | Ref      | 1960-03-28 | 2024-01-15 09:00
    R14P | S | H14 | Conjoint | 1961-07-19 | 2024-01-15 09:00
    R15  | S | H15 | Ref      | 1968-09-14 | 2024-02-19 09:00
    R15P | S | H15 | Conjoint | 1966-11-30 | 2024-02-19 09:00
    R16  | S | H16 | Ref      | 1990-02-11 | 2024-03-25 09:00
    R16P | S | H16 | Conjoint | 1989-05-27 | 2024-03-25 09:00
    R16E | S | H16 | Enfant   | 2018-12-24 | 2024-03-25 09:00
    R17  | S | H17 | Ref      | 1981-07-07 | 2024-05-21 09:00
    R17E | S | H17 | Enfant   | 2010-08-15 | 2024-05-21 09:00
    R18  | S | H18 | Ref      | 1995-10-30 | 2024-08-26 09:00
    R18E | S | H18 | Enfant   | 2021-03-09 | 2024-08-26 09:00
    M19  | S | H19 | Ref      | 1976-02-02 | 2024-09-23 09:00
    R19  | S | H19 | Enfant   | 2008-10-01 | 2024-09-23 09:00
    R20  | S | H20 | Ref      | 1944-12-05 | 2024-11-18 09:00
    R20A | S | H20 | Famille  | 1949-06-06 | 2024-11-18 09:00
    R21  | S | H21 | Ref      | 1955-06-17 | 2025-02-17 09:00
    R22  | S | H22 | Ref      | 2002-11-11 | 2025-04-14 09:00
    R22A | S | H22 | Autre    | 2001-09-09 | 2025-04-14 09:00
    R23  | S | H23 | Ref      | 1977-03-03 | 2025-06-09 09:00
    R24  | S | H24 | Ref      | 1985-08-19 | 2025-10-13 09:00
    R24P | S | H24 | Conjoint | 1984-04-28 | 2025-10-13 09:00
    R24E | S | H24 | Enfant   | 2017-07-01 | 2025-10-13 09:00
    R25  | S | H25 | Ref      | 2005-04-22 | 2024-07-08 09:00
    R25A | S | H25 | Autre    | 2004-12-12 | 2024-07-08 09:00
    X1   | N | HX1 | Ref      | 1990-01-08 | 2025-09-15 09:00
    D1   | N | HD1 | Ref      | 1994-08-30 | 2025-12-22 09:00
    D2   | N | HD2 | Ref      | 1972-05-16 | 2026-02-02 09:00
    D3   | N | HD3 | Ref      | 1999-11-03 | 2026-01-05 09:00
    D4   | N | HD4 | Ref      | 1964-02-26 | 2026-02-20 09:00
    D5   | N | HD5 | Ref      | 1980-07-21 | 2026-01-26 09:00
    D6   | S | HD6 | Ref      | 1991-09-12 | 2026-01-07 09:00
    D7   | S | HD7 | Ref      | 1957-04-09 | 2026-01-16 09:00
    Z1   | S | HZ1 | Ref      | 1983-05-05 | 2026-06-01 09:00
    P1   | N | HP1 | Ref      | 1970-03-15 | 2024-06-03 09:00
    P2   | N | HP2 | Ref      | 1982-08-01 | 2024-06-17 09:00
    P3   | S | HP3 | Ref      | 1965-12-12 | 2024-07-01 09:00
    P4   | N | HP4 | Ref      | 1990-02-28 | 2024-09-02 09:00
    P5   | S | HP5 | Ref      | 1959-05-25 | 2024-10-07 09:00
    P6   | N | HP6 | Ref      | 1987-11-19 | 2024-11-25 09:00

    [followups]
    # holder | circonscription (the follow-up's) | opened | closed | motives
    R01 | N | 2024-02-05 | -          | Logement
    R02 | N | 2024-03-11 | 2025-03-31 | BudgetEtDettes
    R03 | N | 2024-04-15 | -          | AccesAuxDroits
    R04 | N | 2024-05-06 | 2026-03-31 | Logement
    R05 | N | 2024-06-10 | -          | EmploiInsertion
    R06 | N | 2024-09-09 | -          | FamilleParentalite
    R07 | N | 2024-10-14 | -          | EmploiInsertion
    R08 | N | 2024-11-04 | 2026-01-20 | AccesAuxSoins
    R09 | N | 2024-12-02 | -          | AccesAuxDroits
    R25 | N | 2024-07-08 | -          | DemarchesAdministratives
    R10 | N | 2025-01-13 | 2025-05-16 | Logement
    R11 | N | 2025-03-03 | -          | BudgetEtDettes, Logement
    R12 | N | 2025-05-12 | -          | Logement
    R13 | N | 2025-08-18 | 2025-09-26 | EmploiInsertion
    R14 | S | 2024-01-15 | -          | Logement
    R15 | S | 2024-02-19 | 2025-03-14 | BudgetEtDettes
    R16 | S | 2024-03-25 | -          | FamilleParentalite
    R17 | S | 2024-05-21 | -          | Logement
    R18 | S | 2024-08-26 | 2026-06-10 | AccesAuxDroits
    R19 | S | 2024-09-23 | 2026-04-15 | FamilleParentalite
    R20 | S | 2024-11-18 | 2025-11-14 | AccesAuxSoins
    R21 | S | 2025-02-17 | -          | BudgetEtDettes, Logement
    R22 | S | 2025-04-14 | 2025-06-30 | Logement
    R23 | S | 2025-06-09 | -          | BudgetEtDettes
    R24 | S | 2025-10-13 | -          | FamilleParentalite
    D1  | N | 2026-01-15 | -          | Logement
    D3  | N | 2026-01-20 | -          | AccesAuxDroits
    D2  | N | 2026-02-16 | -          | EmploiInsertion, Mobilite
    D4  | N | 2026-04-07 | -          | AccesAuxSoins
    D6  | S | 2026-03-09 | -          | Logement
    D7  | S | 2026-04-13 | -          | BudgetEtDettes
    Z1  | S | 2026-06-12 | -          | DemarchesAdministratives

    [interviews]
    # holder (its follow-up) | date | kind | actions
    R10 | 2025-01-20 | Permanence      | OuvertureDeDroits
    R01 | 2025-02-11 | Permanence      | OrientationPartenaire
    R02 | 2025-02-19 | RendezVous      | DossierLogement
    R11 | 2025-03-10 | Telephone       | AccompagnementDemarche
    R03 | 2025-04-08 | VisiteADomicile | DemandeAideFinanciere, OrientationPartenaire
    R04 | 2025-04-23 | RendezVous      | DossierLogement
    R05 | 2025-05-14 | Permanence      | DemandeAideFinanciere
    R12 | 2025-05-27 | VisiteADomicile | DossierLogement
    R06 | 2025-06-03 | Telephone       | RendezVousUlterieur
    R07 | 2025-07-09 | RendezVous      | OrientationPartenaire
    R13 | 2025-08-26 | Permanence      | OuvertureDeDroits
    R25 | 2025-09-16 | Telephone       | AccompagnementDemarche
    R08 | 2025-10-07 | VisiteADomicile | DemandeAideFinanciere, OrientationPartenaire
    R09 | 2025-11-18 | RendezVous      | DossierLogement
    R14 | 2025-01-14 | Permanence      | OrientationPartenaire
    R15 | 2025-02-04 | Telephone       | OuvertureDeDroits
    R21 | 2025-02-25 | VisiteADomicile | DemandeAideFinanciere
    R14 | 2025-03-18 | RendezVous      | DossierLogement
    R17 | 2025-04-15 | RendezVous      | DemandeAideFinanciere
    R22 | 2025-04-22 | Permanence      | OuvertureDeDroits
    R16 | 2025-05-06 | Permanence      | OrientationPartenaire
    R18 | 2025-05-20 | VisiteADomicile | DossierLogement
    R19 | 2025-06-05 | RendezVous      | AccompagnementDemarche
    R17 | 2025-06-10 | Permanence      | OrientationPartenaire
    R16 | 2025-06-17 | Telephone       | RendezVousUlterieur
    R23 | 2025-06-24 | RendezVous      | DossierLogement
    R20 | 2025-08-05 | VisiteADomicile | DemandeAideFinanciere
    R24 | 2025-10-21 | Telephone       | OrientationPartenaire
    R03 | 2026-01-13 | Permanence      | RendezVousUlterieur
    R16 | 2026-01-27 | Telephone       | DossierLogement
    R01 | 2026-02-03 | RendezVous      | DossierLogement
    R14 | 2026-02-09 | Permanence      | AccompagnementDemarche
    R07 | 2026-02-10 | Permanence      | OuvertureDeDroits
    D1  | 2026-02-17 | RendezVous      | OuvertureDeDroits
    R17 | 2026-02-19 | Telephone       | DemandeAideFinanciere
    R01 | 2026-02-24 | VisiteADomicile | OrientationPartenaire
    R23 | 2026-03-10 | VisiteADomicile | DossierLogement
    R04 | 2026-03-17 | RendezVous      | AccompagnementDemarche
    D2  | 2026-03-24 | Permanence      | OrientationPartenaire
    R05 | 2026-04-21 | Permanence      | DemandeAideFinanciere
    D3  | 2026-05-12 | RendezVous      | OuvertureDeDroits
    R18 | 2026-05-19 | Telephone       | RendezVousUlterieur
    R06 | 2026-06-09 | Permanence      | AccompagnementDemarche

    [consents]
    # key | person | partner | given | withdrawn
    C01 | R14 | Caf      | 2025-01-14 | -
    C02 | R01 | Caf      | 2025-02-11 | -
    C03 | R03 | Caf      | 2025-04-08 | -
    C04 | R05 | Cpam     | 2025-05-14 | -
    C05 | R17 | Caf      | 2025-06-10 | 2025-10-02
    C06 | R20 | Hopital  | 2025-08-05 | -
    C07 | R09 | Caf      | 2025-11-18 | -
    C08 | R06 | Ccas     | 2026-02-02 | -
    C09 | R18 | Caf      | 2026-03-02 | -
    C10 | R16 | Bailleur | 2026-05-04 | -

    [sharings]
    # consent | shared at (Paris time)
    C01 | 2025-02-03 10:00
    C02 | 2025-03-05 10:00
    C04 | 2025-05-20 11:00
    C01 | 2025-07-15 14:00
    C06 | 2025-08-12 09:30
    C04 | 2025-09-09 15:00
    C02 | 2026-01-01 00:30
    C08 | 2026-02-10 10:00
    C09 | 2026-03-05 11:00
    C08 | 2026-04-08 10:00
    C10 | 2026-05-12 16:00

    [rights]
    # person | circonscription (the request's) | right | received | status | closed
    R02 | N | Acces          | 2025-01-22 | Traitee | 2025-02-12
    R16 | S | Rectification  | 2025-02-18 | Traitee | 2025-03-05
    R15 | S | Acces          | 2025-03-04 | Traitee | 2025-03-20
    R06 | N | Acces          | 2025-04-02 | Traitee | 2025-04-25
    R03 | N | Rectification  | 2025-05-06 | Traitee | 2025-05-20
    R21 | S | Portabilite    | 2025-05-26 | Refusee | 2025-06-02
    R18 | S | Acces          | 2025-06-11 | Traitee | 2025-06-30
    R25 | N | Effacement     | 2025-07-08 | Refusee | 2025-07-30
    R20 | S | Opposition     | 2025-10-14 | EnCours | -
    R09 | N | Acces          | 2025-12-01 | EnCours | -
    R14 | S | Acces          | 2026-02-09 | Traitee | 2026-03-02
    R05 | N | Acces          | 2026-05-18 | EnCours | -
    R07 | N | Rectification  | 2026-06-02 | EnCours | -

    [information]
    # person | informed on | mode
    R10 | 2025-01-13 | RemiseEnMain
    R21 | 2025-02-17 | RemiseEnMain
    R11 | 2025-03-03 | RemiseEnMain
    R22 | 2025-04-14 | Affichage
    R12 | 2025-05-12 | Oral
    R13 | 2025-08-18 | RemiseEnMain
    R24 | 2025-10-13 | RemiseEnMain
    D1  | 2026-01-15 | RemiseEnMain
    D6  | 2026-03-09 | Oral

    [paperonly]
    # person | paper only since
    P1 | 2025-02-10
    P2 | 2025-03-18
    P3 | 2025-05-06
    P4 | 2025-09-15
    P5 | 2025-11-24
    P6 | 2026-04-02

    [breakglass]
    # person | opened at (Paris time)
    R03 | 2025-03-12 10:00
    R17 | 2025-05-05 16:00
    R08 | 2025-07-21 14:00
    R19 | 2025-09-29 11:00
    R09 | 2025-11-03 09:30
    R01 | 2026-02-16 10:00
    R16 | 2026-05-26 15:00

    [appointments]
    # person | starts at (Paris time) | status
    X1 | 2025-12-05 14:00 | Honore
    X1 | 2026-02-10 10:00 | Honore
    D1 | 2026-01-12 14:00 | Honore
    D3 | 2026-01-13 14:00 | Honore
    D2 | 2026-02-05 14:00 | Honore
    D5 | 2026-02-09 10:00 | Annule
    D6 | 2026-02-16 14:00 | Honore
    D5 | 2026-03-02 14:00 | Honore
    D4 | 2026-03-04 14:00 | Honore
    D7 | 2026-03-17 14:00 | Honore
    """;

    /// <summary>The accounts the data set is written by: a referent per circonscription and a colleague for the break-glass accesses.</summary>
    public sealed record Writers(Guid ReferentN, Guid ReferentS, Guid ColleagueN, Guid ColleagueS, Guid Dpo);

    /// <summary>
    /// Empties the application's database of every person (the demo's 300 files, created on the day the template was
    /// seeded, and everything that hangs on them), every rights request and household and the counts kept by the retention
    /// engine, and removes the demo's third circonscription: the statistics count the whole database, and the data set is
    /// written for a département of two circonscriptions. Accounts stay (none of the demo's is in the third one).
    /// </summary>
    public static Task EmptyAsync(DiscretFactory app) => app.WithDbAsync(async db =>
    {
        await db.Persons.ExecuteDeleteAsync(); // follow-ups, interviews, appointments, consents, sharings, records, accesses… go with them
        await db.RightsRequests.ExecuteDeleteAsync();
        await db.Households.ExecuteDeleteAsync();
        await db.StatisticCells.ExecuteDeleteAsync();
        var others = db.Circonscriptions.Where(c => c.Name != Nord && c.Name != Sud).Select(c => c.Id);
        await db.Rooms.Where(r => others.Contains(r.CirconscriptionId)).ExecuteDeleteAsync();
        await db.Circonscriptions.Where(c => c.Name != Nord && c.Name != Sud).ExecuteDeleteAsync();
        Assert.Equal(new[] { Nord, Sud }, await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync());
        Assert.Equal(0, await db.Persons.CountAsync());
    });

    public static Task<Dictionary<string, Guid>> CirconscriptionsAsync(DiscretFactory app) =>
        app.WithAsync(async sp =>
        {
            var db = (DiscretDbContext)sp.GetService(typeof(DiscretDbContext))!;
            var all = await db.Circonscriptions.AsNoTracking().ToListAsync();
            return new Dictionary<string, Guid> { ["N"] = all.Single(c => c.Name == Nord).Id, ["S"] = all.Single(c => c.Name == Sud).Id };
        });

    /// <summary>Writes the data set through the domain's constructors, in one save.</summary>
    public static async Task SeedAsync(DiscretFactory app, Writers writers)
    {
        var circonscriptions = await CirconscriptionsAsync(app);
        var table = Parse(DataSet);
        await app.WithDbAsync(async db =>
        {
            Guid Referent(string circ) => circ == "N" ? writers.ReferentN : writers.ReferentS;
            Guid Colleague(string circ) => circ == "N" ? writers.ColleagueN : writers.ColleagueS;

            var cities = table["households"].ToDictionary(r => r[0], r => r[1] == "-" ? null : r[1]);
            var households = new Dictionary<string, Household>();
            var persons = new Dictionary<string, (Person Person, string Circ)>();
            foreach (var r in table["persons"])
            {
                var created = At(r[5]);
                if (!households.TryGetValue(r[2], out var household))
                {
                    var city = cities[r[2]];
                    household = new Household(city is null ? new HouseholdAddress(null, null, null) : new HouseholdAddress("2 rue des Essais", "99000", city), created);
                    households[r[2]] = household;
                    db.Households.Add(household);
                }
                var link = r[3] switch
                {
                    "Ref" => HouseholdLink.PersonneDeReference,
                    "Conjoint" => HouseholdLink.ConjointOuPartenaire,
                    "Enfant" => HouseholdLink.Enfant,
                    "Parent" => HouseholdLink.Parent,
                    "Famille" => HouseholdLink.AutreMembreDeLaFamille,
                    "Autre" => HouseholdLink.AutrePersonne,
                    _ => throw new InvalidOperationException("Unknown link " + r[3]),
                };
                var identity = new PersonIdentity(NameOf(r[0]), null, link == HouseholdLink.Enfant ? "Sam" : "Alex", Day(r[4]), null, null);
                var person = new Person(identity, household.Id, link, circonscriptions[r[1]], Provenance.ThePerson, created);
                persons[r[0]] = (person, r[1]);
                db.Persons.Add(person);
            }

            var followUps = new Dictionary<string, FollowUp>();
            foreach (var r in table["followups"])
            {
                var followUp = new FollowUp(persons[r[0]].Person.Id, circonscriptions[r[1]], Referent(r[1]), List<FollowUpMotive>(r[4]), Day(r[2]), Provenance.AProfessional);
                if (r[3] != "-") followUp.Close(Day(r[3]));
                followUps[r[0]] = followUp;
                db.FollowUps.Add(followUp);
            }

            foreach (var r in table["interviews"])
            {
                var followUp = followUps[r[0]];
                var author = followUp.ReferentId;
                var content = new InterviewContent(Day(r[1]), Enum.Parse<InterviewKind>(r[2]), [persons[r[0]].Person.Id], followUp.Motives,
                    List<InterviewAction>(r[3]), "Point sur les démarches en cours ; prochaines étapes convenues ensemble.", Provenance.ThePerson);
                db.Interviews.Add(new Interview(followUp.Id, author, content, ParisTime.ToUtc(Day(r[1]), new TimeOnly(11, 0))));
            }

            var consents = new Dictionary<string, (SharingConsent Consent, string Circ)>();
            foreach (var r in table["consents"])
            {
                var (person, circ) = persons[r[1]];
                var given = Day(r[3]);
                var partner = Enum.Parse<PartnerKind>(r[2]);
                var consent = new SharingConsent(person.Id, partner, partner.ShortLabel() + " de Valmont", SharingPurpose.OuvertureDeDroits,
                    [DataCategory.Identite, DataCategory.Ressources], ConsentForm.Ecrit, given, given.AddMonths(12).AddDays(-1), Referent(circ),
                    ParisTime.ToUtc(given, new TimeOnly(10, 0)));
                if (r[4] != "-") consent.Withdraw(Day(r[4]), Referent(circ));
                consents[r[0]] = (consent, circ);
                db.SharingConsents.Add(consent);
            }

            foreach (var r in table["sharings"])
            {
                var (consent, circ) = consents[r[0]];
                db.Sharings.Add(new Sharing(consent, [DataCategory.Identite], Referent(circ), At(r[1])));
            }

            foreach (var r in table["rights"])
            {
                var received = Day(r[3]);
                var request = new RightsRequest(persons[r[0]].Person.Id, circonscriptions[r[1]], Enum.Parse<RightKind>(r[2]), RequestChannel.Guichet,
                    IdentityCheck.PersonneConnueDuService, received, null, Referent(r[1]), ParisTime.ToUtc(received, new TimeOnly(10, 0)));
                var status = Enum.Parse<RequestStatus>(r[4]);
                if (status != RequestStatus.EnCours) request.Close(status, "Réponse adressée à la personne.", Day(r[5]), writers.Dpo);
                db.RightsRequests.Add(request);
            }

            foreach (var r in table["information"])
            {
                var (person, circ) = persons[r[0]];
                db.InformationRecords.Add(new InformationRecord(person.Id, 1, Enum.Parse<InformationMethod>(r[2]), Day(r[1]), Referent(circ),
                    ParisTime.ToUtc(Day(r[1]), new TimeOnly(10, 0))));
            }

            foreach (var r in table["paperonly"]) persons[r[0]].Person.RefuseComputerisation(Day(r[1]));

            foreach (var r in table["breakglass"])
            {
                var (person, circ) = persons[r[0]];
                db.BreakGlassAccesses.Add(new BreakGlassAccess(Colleague(circ), person.Id, BreakGlassReason.ReferentAbsentUrgence,
                    "Référente absente, la personne se présente pour une démarche urgente.", At(r[1]), TimeSpan.FromHours(4)));
            }

            foreach (var r in table["appointments"])
            {
                var (person, circ) = persons[r[0]];
                var start = At(r[1]);
                var status = Enum.Parse<AppointmentStatus>(r[2]);
                var appointment = new Appointment(person.Id, circonscriptions[circ], null, [], [Referent(circ)],
                    new AppointmentSlot(start, start.AddMinutes(45), AppointmentPlace.BureauCirconscription, null), Referent(circ), person.CreatedAt,
                    status == AppointmentStatus.Annule ? AppointmentStatus.Prevu : status);
                if (status == AppointmentStatus.Annule) appointment.Mark(AppointmentStatus.Annule, CancellationReason.DemandeDeLaPersonne);
                db.Appointments.Add(appointment);
            }

            await db.SaveChangesAsync();
        });
    }

    /// <summary>The data set's sections, each a list of rows of trimmed cells ("…" keeps its spaces).</summary>
    public static Dictionary<string, List<string[]>> Parse(string text)
    {
        var sections = new Dictionary<string, List<string[]>>();
        List<string[]>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('[')) { sections[line.Trim('[', ']')] = current = []; continue; }
            current!.Add(raw.Split('|').Select(c =>
            {
                var cell = c.Trim();
                return cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"' ? cell[1..^1] : cell;
            }).ToArray());
        }
        return sections;
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A Paris wall-clock time of the table, as the UTC instant stored.</summary>
    private static DateTime At(string text) => ParisTime.ToUtc(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    private static List<T> List<T>(string text) where T : struct, Enum =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<T>).ToList();

    /// <summary>A generated birth name: letters only, from the key (R01 → « Chiffrier Rab »).</summary>
    private static string NameOf(string key) =>
        "Chiffrier " + char.ToUpperInvariant(key[0]) + new string(key[1..].Select(c => char.IsAsciiDigit(c) ? (char)('a' + c - '0') : char.ToLowerInvariant(c)).ToArray());
}
