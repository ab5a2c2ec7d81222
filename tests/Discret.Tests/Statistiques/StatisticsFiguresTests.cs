using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Statistiques;

/// <summary>
/// The anonymous statistics (docs/statistics.md) read from the outside, on the hand-made data set of
/// <see cref="StatisticsScenario"/>: the DPO has the figures recomputed (<c>POST /api/v1/statistiques/recalcul</c>) then
/// reads them (<c>GET /api/v1/statistiques/{indicateur}</c>), on the 15 June 2026 at 10:00 in Paris. Every expected figure
/// was counted by hand from the definitions of the doc, written here as a constant with how it was counted — never
/// computed with code that restates the rules. Figures under the threshold (5) must be masked (<c>count</c> null,
/// « &lt; 5 »); the data set is laid out so that each figure expected unmasked is in no sum (total and breakdown,
/// département and circonscriptions, year and quarters, quarter and months) with exactly one small figure, so that no
/// secondary masking, whatever figure it picks, may hide it.
/// On an application of its own (the statistics count the whole database), emptied of the demo's files and of its third
/// circonscription: a département of two circonscriptions, Valmont-Nord (N) and Valmont-Sud (S).
/// </summary>
public sealed class StatisticsFiguresTests(StatisticsFiguresTests.FiguresApp figures) : IClassFixture<StatisticsFiguresTests.FiguresApp>
{
    private const string Departement = "departement";

    /// <summary>One published figure: <paramref name="Expected"/> null when it must be masked.</summary>
    public sealed record Figure(string Indicator, string Period, string Territory, string? Breakdown, string Value, int? Expected, string Why)
    {
        public string Id => $"{Indicator} {Period} {Territory}" + (Breakdown is null ? "" : $" {Breakdown}={Value}");
    }

    private static Figure Total(string indicator, string period, string territory, int? expected, string why) =>
        new(indicator, period, territory, null, "", expected, why);

    private static Figure By(string indicator, string period, string territory, string breakdown, string value, int? expected, string why) =>
        new(indicator, period, territory, breakdown, value, expected, why);

    private static readonly int? Masked = null;
    /// <summary>Masked to protect a small number (doc: shown « masqué »).</summary>
    private const int Secondary = -1;

    public static readonly Figure[] Figures =
    [
        // ── Personnes reçues: persons with an interview dated in the period, each once, in the circonscription of her file ──
        Total("personnes-recues", "2025", Departement, 25, "R01–R25 each have an interview in 2025 (R14, R16, R17 two): 25 persons, each once"),
        Total("personnes-recues", "2025", "N", 13, "R01–R13, files of Valmont-Nord"),
        Total("personnes-recues", "2025", "S", 12,
            "R14–R25, files of Valmont-Sud; R25 counts here although her follow-up and interview are Valmont-Nord's (a person is counted in the circonscription of her file)"),
        Total("personnes-recues", "2025-T1", Departement, 7,
            "R10 (20/01), R14 (14/01 and 18/03: once in the quarter), R01, R15, R02, R21 (February), R11 (10/03): 7 persons for 8 interviews"),
        Total("personnes-recues", "2025-T1", "N", Masked, "R01, R02, R10, R11: 4"),
        Total("personnes-recues", "2025-02", Departement, Masked, "R01, R02, R15, R21: 4"),
        By("personnes-recues", "2025", Departement, "age", "18-24", 5,
            "ages on 31/12/2025: R07 18 (born 10/09/2007: 17 at her interview of 09/07/2025, 18 on the year's last day), R08 22, R10 21, R22 23, R25 20"),
        By("personnes-recues", "2025", Departement, "age", "25-39", 5,
            "R02 37, R05 39 (born 10/03/1986: 39 on 31/12/2025 though 40 today), R06 32, R16 35, R18 30"),
        By("personnes-recues", "2025", Departement, "age", "40-59", 8, "R01 46, R03 50, R12 42, R13 54, R15 57, R17 44, R23 48, R24 40 (born 19/08/1985)"),
        By("personnes-recues", "2025", Departement, "age", "moins-18", Masked, "R19 17 (born 01/10/2008): 1"),
        By("personnes-recues", "2025", Departement, "age", "75-plus", Masked, "R09 79, R20 81: 2"),
        By("personnes-recues", "2025", Departement, "menage", "seule", 5, "households of one member: R09, R10, R13, R21, R23"),
        By("personnes-recues", "2025", Departement, "menage", "couple-sans-enfant", 5, "reference person and partner only: R04, R05, R11, R14, R15"),
        By("personnes-recues", "2025", Departement, "menage", "couple-avec-enfants", 5, "partner and a child: R01, R02, R03, R16, R24"),
        By("personnes-recues", "2025", Departement, "menage", "monoparentale", 5,
            "a child, no partner: R06, R12, R17, R18, and R19, the child of such a household (her mother M19, not received, is its reference person)"),
        By("personnes-recues", "2025", Departement, "menage", "autre", 5,
            "R07, R22, R25 (each with an « autre personne »), R08 (with a parent), R20 (with another member of the family)"),
        By("personnes-recues", "2025", "N", "menage", "seule", Masked, "R09, R10, R13: 3"),
        By("personnes-recues", "2025", Departement, "commune", "VALMONT", 7,
            "R01, R18 « Valmont », R12, R23 « valmont », R09 « VALMONT », R04 « valmont » with spaces around, R14 « Valmont » with a trailing space: trimmed and upper-cased, 7"),
        By("personnes-recues", "2025", Departement, "commune", "SAINT-FICTIF", 6, "R02, R06, R10, R15, R17, and R21 (« Saint-Fictif» with a leading space)"),
        By("personnes-recues", "2025", Departement, "commune", "BOURG-IMAGINAIRE", 5, "R03, R07, R13, R16, R24"),
        By("personnes-recues", "2025", Departement, "commune", "MONTREVEL-FICTIF", Masked, "R05, R11, R20, R22: 4"),
        By("personnes-recues", "2025", Departement, "commune", "non-renseignee", Masked, "households without a city: R08, R19, R25: 3"),
        Total("personnes-recues", "2026-02", Departement, 5, "R01 (03/02 and 24/02: once), R07, D1 (N), R14, R17 (S): 5 persons for 6 interviews"),
        Total("personnes-recues", "2026-02", "N", Masked, "R01, R07, D1: 3"),

        // ── Premiers accueils: files created in the period (Paris day of the creation) ──
        Total("premiers-accueils", "2025", Departement, 15, "8 in N and 7 in S (below)"),
        Total("premiers-accueils", "2025", "N", 8, "R10 (13/01), R11 + R11P (03/03), R12 + R12E (01/04), R13 (18/08), X1 (15/09), D1 (22/12)"),
        Total("premiers-accueils", "2025", "S", 7, "R21 (17/02), R22 + R22A (14/04), R23 (09/06), R24 + R24P + R24E (13/10)"),
        Total("premiers-accueils", "2025-T2", Departement, 5,
            "R12 and R12E created on 01/04/2025 at 00:30 Paris (31/03 22:30 UTC: Paris's second quarter), R22 + R22A (14/04), R23 (09/06)"),
        Total("premiers-accueils", "2025-T1", Departement, Masked, "R10, R21, R11 + R11P: 4"),

        // ── Accompagnements ouverts (opening date), by motive: a follow-up counts once under each of its motives ──
        Total("accompagnements-ouverts", "2025", Departement, 8, "R10 (13/01), R11 (03/03), R12 (12/05), R13 (18/08) in N; R21 (17/02), R22 (14/04), R23 (09/06), R24 (13/10) in S"),
        By("accompagnements-ouverts", "2025", Departement, "motif", "Logement", 5,
            "R10, R12, R22 (Logement), R11 and R21 (Budget et dettes then Logement: counted under both)"),
        By("accompagnements-ouverts", "2025", Departement, "motif", "BudgetEtDettes", Masked, "R11, R21, R23: 3"),
        // 7 (D1 (15/01), D3 (20/01), D2 (16/02), D4 (07/04) in N; D6 (09/03), D7 (13/04), Z1 (12/06) in S), but masked since the
        // doc added the change of « en cours » to the sums: en cours 2026 (22) − en cours 2025 (19) = ouverts 2026 − clos 2026 (4,
        // small), so one more of them must be masked, and the doc masks a flow before « en cours ».
        Total("accompagnements-ouverts", "2026", Departement, Secondary, "7, masked to protect the 4 follow-ups closed in 2026"),
        Total("accompagnements-ouverts", "2026", "N", Masked, "D1, D2, D3, D4: 4"),

        // ── Accompagnements clos (closing date) ──
        Total("accompagnements-clos", "2025", Departement, 6, "R15 (14/03), R02 (31/03), R10 (16/05), R22 (30/06), R13 (26/09), R20 (14/11)"),
        Total("accompagnements-clos", "2025", "N", Masked, "R02, R10, R13: 3"),
        Total("accompagnements-clos", "2026", Departement, Masked, "R08 (20/01), R04 (31/03), R19 (15/04), R18 (10/06): 4"),

        // ── Accompagnements en cours: opened on or before the period's last day (today for the current period) and not
        //    closed by then — a follow-up closed ON that last day is closed by then, so not in progress ──
        Total("accompagnements-en-cours", "2025-02", "N", 11, "on 28/02/2025: the ten N follow-ups opened in 2024 (R01–R09, R25) and R10 (opened 13/01)"),
        Total("accompagnements-en-cours", "2025-03", "N", 11,
            "on 31/03/2025: those 11, + R11 (opened 03/03), − R02 (closed on 31/03, the period's last day: no longer in progress)"),
        Total("accompagnements-en-cours", "2026-T1", "N", 12,
            "on 31/03/2026: R01, R03, R05, R06, R07, R09, R25, R11, R12, D1, D3, D2; not R04, closed on 31/03 itself, nor R08 (closed 20/01)"),
        Total("accompagnements-en-cours", "2026-06", "S", 9,
            "today 15/06/2026: R14, R16, R17, R21, R23, R24, D6, D7, Z1 (opened 12/06); not R18, closed 10/06, nor R19 (15/04)"),
        Total("accompagnements-en-cours", "2025", Departement, 19,
            "on 31/12/2025: N 11 (R01, R03–R09, R25, R11, R12) + S 8 (R14, R16–R19, R21, R23, R24)"),
        Total("accompagnements-en-cours", "2026", Departement, 22, "today: N 13 (R01, R03, R05–R07, R09, R25, R11, R12, D1–D4) + S 9"),

        // ── Entretiens: interviews dated in the period, in their follow-up's circonscription; by kind and by action ──
        Total("entretiens", "2025", Departement, 28, "the 28 interviews of 2025 (25 persons; R14, R16, R17 twice)"),
        Total("entretiens", "2025", "N", 14, "the 13 of R01–R13 and R25's, whose follow-up is Valmont-Nord's"),
        Total("entretiens", "2025", "S", 14, "R14 ×2, R15, R16 ×2, R17 ×2, R18, R19, R20, R21, R22, R23, R24"),
        By("entretiens", "2025", Departement, "type", "VisiteADomicile", 6, "R03, R12, R08 (N); R21, R18, R20 (S)"),
        By("entretiens", "2025", Departement, "type", "Permanence", 8, "R10, R01, R05, R13 (N); R14 14/01, R22, R16 06/05, R17 10/06 (S)"),
        By("entretiens", "2025", "N", "type", "Telephone", Masked, "R11, R06, R25: 3"),
        By("entretiens", "2025", Departement, "action", "OrientationPartenaire", 8,
            "R01, R07, and R03, R08 (their second action) in N; R14 14/01, R16 06/05, R17 10/06, R24 in S"),
        By("entretiens", "2025", Departement, "action", "DossierLogement", 7, "R02, R04, R12, R09 (N); R14 18/03, R18, R23 (S)"),
        By("entretiens", "2025", Departement, "action", "DemandeAideFinanciere", 6, "R03, R05, R08 (N); R21, R17 15/04, R20 (S)"),
        By("entretiens", "2025", Departement, "action", "RendezVousUlterieur", Masked, "R06, R16 17/06: 2"),
        Total("entretiens", "2026-02", Departement, 6, "R01 ×2, R07, D1 (N); R14, R17 (S)"),

        // ── Partages: sharings done in the period (Paris day), in the person's circonscription, by kind of partner ──
        Total("partages", "2025", Departement, 6,
            "C01 (R14) 03/02 and 15/07, C02 (R01) 05/03, C04 (R05) 20/05 and 09/09, C06 (R20) 12/08; C02's sharing of 01/01/2026 00:30 Paris (31/12/2025 23:30 UTC) is 2026's"),
        Total("partages", "2026", Departement, 5, "C02 01/01 00:30 Paris, C08 (R06) 10/02 and 08/04, C09 (R18) 05/03, C10 (R16) 12/05"),
        By("partages", "2026", Departement, "partenaire", "Caf", Masked, "C02, C09: 2"),

        // ── Consentements: consents given in the period ──
        Total("consentements", "2025", Departement, 7, "C01–C07, given in 2025 — C05 counts although withdrawn on 02/10/2025: it was given in 2025"),
        By("consentements", "2025", Departement, "partenaire", "Caf", 5, "C01 (R14), C02 (R01), C03 (R03), C05 (R17, withdrawn since), C07 (R09)"),
        Total("consentements", "2026", Departement, Masked, "C08, C09, C10: 3"),

        // ── Droits: rights requests received in the period, in the request's circonscription; by right and by status ──
        Total("droits", "2025", Departement, 10, "the ten requests received in 2025"),
        Total("droits", "2025", "N", 5,
            "R02, R06, R09 (accès), R03 (rectification), and R25's erasure, recorded in Valmont-Nord though her file is Valmont-Sud's (the request's circonscription)"),
        Total("droits", "2025", "S", 5, "R15, R18 (accès), R16 (rectification), R21 (portabilité), R20 (opposition)"),
        By("droits", "2025", Departement, "droit", "Acces", 5, "R02, R06, R09, R15, R18"),
        By("droits", "2025", Departement, "issue", "Traitee", 6, "R02, R16, R15, R06, R03, R18 (answered in 2025)"),
        By("droits", "2025", Departement, "issue", "EnCours", Masked, "R20, R09 (still open): 2"),

        // ── Informations données: records of the notice given, dated in the period; by mode ──
        Total("informations", "2025", Departement, 7, "R10, R21, R11, R22, R12, R13, R24"),
        By("informations", "2025", Departement, "mode", "RemiseEnMain", 5, "R10, R21, R11, R13, R24"),
        By("informations", "2025", Departement, "mode", "Oral", Masked, "R12: 1"),

        // ── Refus d'informatisation: files that became paper-only in the period ──
        Total("refus-informatisation", "2025", Departement, 5, "P1 (10/02), P2 (18/03), P3 (06/05), P4 (15/09), P5 (24/11)"),
        Total("refus-informatisation", "2025", "N", Masked, "P1, P2, P4: 3"),
        Total("refus-informatisation", "2026", Departement, Masked, "P6 (02/04): 1"),

        // ── Accès exceptionnels: break-glass accesses opened in the period ──
        Total("acces-exceptionnels", "2025", Departement, 5, "R03 (12/03), R17 (05/05), R08 (21/07), R19 (29/09), R09 (03/11)"),
        Total("acces-exceptionnels", "2026", Departement, Masked, "R01 (16/02), R16 (26/05): 2"),
    ];

    public static TheoryData<string> FigureIds() => new(Figures.Select(f => f.Id));

    [Theory]
    [MemberData(nameof(FigureIds))]
    public async Task Each_figure_is_the_one_counted_by_hand_from_the_definitions(string id)
    {
        var figure = Figures.Single(f => f.Id == id);
        var table = await figures.TableAsync(figures.Dpo, figure.Indicator, figure.Period, figure.Breakdown);
        var cell = figures.Cell(table, figure.Breakdown, figure.Value, figure.Territory, figure.Id);
        AssertCell(cell, figure.Expected, $"{figure.Id} ({figure.Why})");
    }

    /// <summary>
    /// Days from the file's creation to the first appointment that was not cancelled, for the persons whose first such
    /// appointment is in the first quarter of 2026: D2 3 (02/02 → 05/02), D3 8 (05/01 → 13/01), D4 12 (20/02 → 04/03),
    /// D1 21 (22/12/2025 → 12/01), D5 35 (26/01 → 02/03: her appointment of 09/02 was cancelled), D6 40 (07/01 → 16/02),
    /// D7 60 (16/01 → 17/03). X1's appointment of 10/02/2026 is not her first (05/12/2025): she is not counted.
    /// Appointments are at 14:00 and files were created at 09:00, so whole days and calendar days agree.
    /// </summary>
    [Fact]
    public async Task The_delay_before_the_first_appointment_is_published_as_median_and_90th_percentile_on_five_persons_or_more()
    {
        var table = await figures.TableAsync(figures.Dpo, "delai-premier-rendez-vous", "2026-T1", null);
        // Département, 7 persons: 3, 8, 12, 21, 35, 40, 60 → median the 4th, 21; 90th percentile nearest rank ⌈0.9 × 7⌉ = 7th, 60.
        AssertDelay(table, Departement, 21, 60, "département (7 persons)");
        // Valmont-Nord, 5 persons (D1–D5): 3, 8, 12, 21, 35 → median the 3rd, 12; 90th percentile ⌈0.9 × 5⌉ = 5th, 35.
        AssertDelay(table, "N", 12, 35, "Valmont-Nord (5 persons)");
        // Valmont-Sud, 2 persons (D6, D7): under the threshold, not published.
        var sud = figures.Cell(table, null, "", "S", "délai 2026-T1 S");
        Assert.True(sud.GetProperty("masked").GetBoolean(), $"The delay of Valmont-Sud (2 persons) must be masked: {sud}");
        // The doc's API section: the delay's rows are the persons (""), then "mediane" and "p90" in days.
        foreach (var row in new[] { "mediane", "p90" })
        {
            var masked = figures.Cell(table, null, row, "S", $"délai 2026-T1 S {row}");
            Assert.True(masked.GetProperty("count").ValueKind == JsonValueKind.Null, $"A masked delay publishes no {row}: {masked}");
        }
    }

    [Fact]
    public async Task Each_figure_comes_with_the_same_period_a_year_before_and_the_change_when_both_are_shown()
    {
        // Follow-ups in progress: 22 today (15/06/2026), 19 on 31/12/2025 (see the figures above) → +15.8 %.
        var inProgress = await figures.TableAsync(figures.Dpo, "accompagnements-en-cours", "2026", null);
        AssertCell(figures.Cell(inProgress, null, "", Departement, "en cours 2026"), 22, "accompagnements en cours 2026, département");
        var before = figures.Cell(figures.Previous(inProgress), null, "", Departement, "en cours 2026, previous");
        AssertCell(before, 19, "accompagnements en cours 2025 given as the previous of 2026");
        var change = figures.Change(inProgress, Departement);
        Assert.True(change is { } c && Math.Abs(c - 15.8) <= 0.06, $"change of 22 against 19 is +15.8 %, got {change?.ToString(CultureInfo.InvariantCulture) ?? "null"}");

        // Persons received in February 2026: 5; in February 2025: 4 (R01, R02, R15, R21) → masked, and no change.
        var received = await figures.TableAsync(figures.Dpo, "personnes-recues", "2026-02", null);
        AssertCell(figures.Cell(received, null, "", Departement, "reçues 2026-02"), 5, "personnes reçues 2026-02, département");
        AssertCell(figures.Cell(figures.Previous(received), null, "", Departement, "reçues 2026-02, previous"), null,
            "personnes reçues 2025-02 as the previous of 2026-02: R01, R02, R15, R21, 4");
        Assert.Null(figures.Change(received, Departement));
    }

    [Fact]
    public async Task Direction_reads_the_same_figures_for_the_departement_and_each_circonscription()
    {
        var received = await figures.TableAsync(figures.Direction, "personnes-recues", "2025", null);
        AssertCell(figures.Cell(received, null, "", Departement, "direction reçues 2025 D"), 25, "Direction: personnes reçues 2025, département (R01–R25)");
        AssertCell(figures.Cell(received, null, "", "N", "direction reçues 2025 N"), 13, "Direction: personnes reçues 2025, Valmont-Nord (R01–R13)");
        AssertCell(figures.Cell(received, null, "", "S", "direction reçues 2025 S"), 12, "Direction: personnes reçues 2025, Valmont-Sud (R14–R25)");
        var opened = await figures.TableAsync(figures.Direction, "accompagnements-ouverts", "2026", null);
        AssertCell(figures.Cell(opened, null, "", Departement, "direction ouverts 2026 D"), Secondary, "Direction: accompagnements ouverts 2026, département (masked as for the DPO)");
        AssertCell(figures.Cell(opened, null, "", "S", "direction ouverts 2026 S"), null, "Direction: accompagnements ouverts 2026, Valmont-Sud (D6, D7, Z1: 3)");
    }

    private static void AssertCell(JsonElement cell, int? expected, string what)
    {
        var masked = cell.GetProperty("masked").GetBoolean();
        var count = cell.GetProperty("count");
        var display = cell.GetProperty("display").GetString();
        if (expected == Secondary)
        {
            Assert.True(masked && count.ValueKind == JsonValueKind.Null && display == "masqué", $"{what}: expected masked to protect a small number, got {cell}");
        }
        else if (expected is { } n)
        {
            Assert.False(masked, $"{what}: expected {n}, shown, but the figure is masked: {cell}");
            Assert.True(count.ValueKind == JsonValueKind.Number && count.GetInt32() == n, $"{what}: expected {n}, got {cell}");
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), display);
        }
        else
        {
            Assert.True(masked, $"{what}: expected masked (under 5), got {cell}");
            Assert.True(count.ValueKind == JsonValueKind.Null, $"{what}: a masked figure has a null count, got {cell}");
            Assert.Equal("< 5", display);
        }
    }

    /// <summary>The delay's rows (doc, API section): the persons (""), then "mediane" and "p90" in days, in the territory's cells.</summary>
    private void AssertDelay(JsonElement table, string territory, int median, int percentile90, string what)
    {
        var persons = figures.Cell(table, null, "", territory, $"délai {what}");
        Assert.False(persons.GetProperty("masked").GetBoolean(), $"Delay of {what}: published (5 persons or more), got {persons}");
        var m = figures.Cell(table, null, "mediane", territory, $"délai {what} médiane");
        var p90 = figures.Cell(table, null, "p90", territory, $"délai {what} 90e centile");
        Assert.True(m.GetProperty("count").ValueKind == JsonValueKind.Number && m.GetProperty("count").GetInt32() == median,
            $"Delay of {what}: median {median} days expected, got {m}");
        Assert.True(p90.GetProperty("count").ValueKind == JsonValueKind.Number && p90.GetProperty("count").GetInt32() == percentile90,
            $"Delay of {what}: 90th percentile (nearest rank) {percentile90} days expected, got {p90}");
    }

    private static bool IsMedian(string name) => Fold(name).Contains("median");

    /// <summary>Lower case, without accents, letters and digits only: « Traitée » and "traitee", "en-cours" and "EnCours" alike.</summary>
    internal static string Fold(string text) =>
        new(text.Normalize(NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// The application of this class: its own database, emptied and filled with the data set on 16 March 2026 (the 2025
    /// figures are computed then, while the previous year is still recomputed, and frozen after), then the clock moved to
    /// 15 June 2026 10:00 Paris, when the figures of 2026 are recomputed. The tests read the tables as the DPO (or the
    /// Direction), each table once.
    /// </summary>
    public sealed class FiguresApp : IAsyncLifetime
    {
        /// <summary>16 March 2026, 10:00 in Paris (winter time): the previous year's figures are still computed.</summary>
        private static readonly DateTimeOffset InMarch = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);
        /// <summary>15 June 2026, 10:00 in Paris (summer time): « today » of every figure.</summary>
        private static readonly DateTimeOffset Today = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

        public DiscretFactory App { get; } = new() { Clock = new FakeTimeProvider(InMarch) };
        public StaffSession Dpo { get; private set; } = null!;
        public StaffSession Direction { get; private set; } = null!;
        private Dictionary<string, Guid> _circonscriptions = null!;
        private readonly Dictionary<string, JsonElement> _tables = new();
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task InitializeAsync()
        {
            await StatisticsScenario.EmptyAsync(App);
            _circonscriptions = await StatisticsScenario.CirconscriptionsAsync(App);
            // Index 0 is Valmont-Nord and 1 Valmont-Sud once the third circonscription is gone.
            var referentN = await App.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 0, inServiceDays: 900);
            var referentS = await App.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1, inServiceDays: 900);
            var colleagueN = await App.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 0, inServiceDays: 900);
            var colleagueS = await App.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1, inServiceDays: 900);
            var dpo = await App.CreateAccountAsync(StaffRole.Dpo);
            var direction = await App.CreateAccountAsync(StaffRole.Direction);
            await StatisticsScenario.SeedAsync(App, new StatisticsScenario.Writers(referentN.Id, referentS.Id, colleagueN.Id, colleagueS.Id, dpo.Id));

            await RecomputeAsync(await StaffSession.LoginAsync(App, dpo), "16/03/2026");
            App.Clock!.SetUtcNow(Today);
            Dpo = await StaffSession.LoginAsync(App, dpo);
            await RecomputeAsync(Dpo, "15/06/2026");
            Direction = await StaffSession.LoginAsync(App, direction);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();

        /// <summary>
        /// <c>POST /api/v1/statistiques/recalcul</c> answers 200 once the figures are recomputed. Should the nightly job hold
        /// the lease at that moment (the clock was just moved), the request is made again until it gets through (60 s at most).
        /// </summary>
        private static async Task RecomputeAsync(StaffSession dpo, string when)
        {
            var until = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var response = await dpo.ApiSendAsync(HttpMethod.Post, "/api/v1/statistiques/recalcul");
                if (response.StatusCode == HttpStatusCode.OK) return;
                var busy = response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Locked or HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;
                Assert.True(busy && DateTime.UtcNow < until,
                    $"Recomputing the figures on {when}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                await Task.Delay(200);
            }
        }

        /// <summary>One table as the API gives it, every territory the reader may see (read once per reader).</summary>
        public async Task<JsonElement> TableAsync(StaffSession reader, string indicator, string period, string? breakdown)
        {
            var url = $"/api/v1/statistiques/{indicator}?period={period}" + (breakdown is null ? "" : $"&breakdown={breakdown}");
            var key = (reader == Dpo ? "dpo " : "direction ") + url;
            await _gate.WaitAsync();
            try
            {
                if (_tables.TryGetValue(key, out var cached)) return cached;
                var response = await reader.Client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
                using var document = JsonDocument.Parse(body);
                return _tables[key] = document.RootElement.Clone();
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The table's rows (<c>rows</c>, or the table itself when it is an array of rows).</summary>
        private static JsonElement Rows(JsonElement table) =>
            table.ValueKind == JsonValueKind.Array ? table : table.GetProperty("rows");

        /// <summary><c>previous</c>: the same table a year before.</summary>
        public JsonElement Previous(JsonElement table)
        {
            Assert.True(table.TryGetProperty("previous", out var previous) && previous.ValueKind is JsonValueKind.Object or JsonValueKind.Array,
                $"No previous year's table in {table}");
            return previous;
        }

        /// <summary>
        /// The cell of a row (the total: value "") and a territory ("departement", "N", "S"). Values of the breakdowns the
        /// doc spells out (age, menage, commune, type, action) must match exactly; the others (motif, partenaire, droit,
        /// issue, mode: the closed list's value, e.g. Logement, Caf, Acces, Traitee, RemiseEnMain) without regard to case,
        /// accents or hyphens.
        /// </summary>
        public JsonElement Cell(JsonElement table, string? breakdown, string value, string territory, string what)
        {
            var exact = breakdown is null or "age" or "menage" or "commune" or "type" or "action";
            bool Same(string? v) => exact ? v == value : v is not null && v != "" && Fold(v) == Fold(value);
            var rows = Rows(table).EnumerateArray().ToList();
            var row = rows.Where(r => Same(r.GetProperty("value").GetString())).ToList();
            // Doc: a commune all of whose numbers are masked is not listed — read as a masked figure.
            if (breakdown == "commune" && row.Count == 0)
                return JsonDocument.Parse($"{{\"territory\":\"{territory}\",\"count\":null,\"masked\":true,\"display\":\"< 5\"}}").RootElement.Clone();
            Assert.True(row.Count == 1, $"{what}: {row.Count} row(s) of value « {value} » among {string.Join(", ", rows.Select(r => $"« {r.GetProperty("value").GetString()} »"))}");
            var cells = row[0].GetProperty("cells").EnumerateArray().ToList();
            var cell = cells.Where(c => IsTerritory(c.GetProperty("territory").GetString(), territory)).ToList();
            Assert.True(cell.Count == 1, $"{what}: {cell.Count} cell(s) of territory {territory} in {row[0]}");
            return cell[0];
        }

        /// <summary>The change in per cent of the total's cell of a territory: the cell's <c>change</c>, or the same cell of a <c>change</c> table.</summary>
        public double? Change(JsonElement table, string territory)
        {
            var cell = Cell(table, null, "", territory, "change");
            if (cell.TryGetProperty("change", out var inCell)) return inCell.ValueKind == JsonValueKind.Null ? null : inCell.GetDouble();
            Assert.True(table.TryGetProperty("change", out var changes), $"No change (per cell or as a table) in {table}");
            var other = Cell(changes, null, "", territory, "change table");
            foreach (var name in new[] { "change", "value", "count" })
                if (other.TryGetProperty(name, out var v)) return v.ValueKind == JsonValueKind.Null ? null : v.GetDouble();
            Assert.Fail($"No change in {other}");
            return null;
        }

        private bool IsTerritory(string? cellTerritory, string territory) => territory == Departement
            ? cellTerritory == Departement
            : Guid.TryParse(cellTerritory, out var id) && id == _circonscriptions[territory];
    }
}
