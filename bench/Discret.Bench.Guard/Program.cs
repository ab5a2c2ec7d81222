using System.Diagnostics;
using Discret.Web.Features.Garde;

// Measures the sobriety guard on texts of 1,000 characters: a clean one, one full of warned words, one with identifiers.
// Usage: dotnet run -c Release --project bench/Discret.Bench.Guard [iterations]
//        dotnet run -c Release --project bench/Discret.Bench.Guard -- --corpus FILE [--mistakes]
//        dotnet run -c Release --project bench/Discret.Bench.Guard -- --check "texte à analyser"
if (args is ["--check", .. var rest])
{
    var result = TextGuard.Analyse(string.Join(' ', rest));
    Console.WriteLine(result.Verdict);
    foreach (var f in result.Findings) Console.WriteLine($"  {f.Category} [{f.Start},{f.Length}] {f.Message}");
    return;
}

if (args is ["--corpus", var file, .. var options])
{
    // Recall and precision on a corpus written from the rule (tests/Discret.Tests/Guard/outside): a sentence is positive
    // for identifiers when it expects one of them (the guard must refuse it), for warnings when it expects a warned
    // category and no identifier; then each category's recall.
    string[] identifiers = ["Nir", "Caf", "Iban", "PaymentCard", "Agdref", "TaxId", "Credentials"];
    var lines = File.ReadAllLines(file).Where(l => !l.StartsWith('#') && l.Contains('\t')).Select(l => l.Split('\t', 2)).ToList();
    int idTp = 0, idFp = 0, idFn = 0, wTp = 0, wFp = 0, wFn = 0;
    var perCategory = new Dictionary<string, (int Expected, int Found)>();
    foreach (var (expected, text) in lines.Select(l => (l[0].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), l[1])))
    {
        var result = TextGuard.Analyse(text);
        var found = result.Findings.Select(f => f.Category.ToString()).ToHashSet();
        bool wantId = expected.Overlaps(identifiers), gotId = result.Verdict == GuardVerdict.Refused;
        bool wantWarn = !wantId && expected.Count > 0, gotWarn = !gotId && result.Verdict == GuardVerdict.Warned;
        if (wantId && gotId) idTp++; else if (gotId) idFp++; else if (wantId) idFn++;
        if (wantWarn && gotWarn) wTp++; else if (gotWarn && !wantId) wFp++; else if (wantWarn) wFn++;
        if (options.Contains("--mistakes") && !found.SetEquals(expected)) Console.WriteLine($"[{string.Join(",", expected)}] ≠ [{string.Join(",", found)}]\t{text}");
        foreach (var c in expected) perCategory[c] = (perCategory.GetValueOrDefault(c).Expected + 1, perCategory.GetValueOrDefault(c).Found + (found.Contains(c) ? 1 : 0));
    }
    static string Ratio(int a, int b) => b == 0 ? "—" : $"{(double)a / b:0.000}";
    Console.WriteLine($"{Path.GetFileName(file)}: {lines.Count} sentences");
    Console.WriteLine($"identifiers: recall {Ratio(idTp, idTp + idFn)} ({idTp}/{idTp + idFn}), precision {Ratio(idTp, idTp + idFp)} ({idTp}/{idTp + idFp})");
    Console.WriteLine($"warnings:    recall {Ratio(wTp, wTp + wFn)} ({wTp}/{wTp + wFn}), precision {Ratio(wTp, wTp + wFp)} ({wTp}/{wTp + wFp})");
    foreach (var (c, (e, f)) in perCategory.OrderBy(p => p.Key)) Console.WriteLine($"  {c,-16} found {f}/{e}");
    return;
}

var iterations = args.Length > 0 ? int.Parse(args[0]) : 20_000;
const string clean = "Entretien au bureau avec Madame, venue avec sa fille de 8 ans. Point sur le dossier de logement social déposé le 12/03/2026 "
    + "auprès du bailleur ; loyer actuel de 640,50 € pour un T2 au 14 rue des Lilas, 91000 Évry-Courcouronnes. Rendez-vous à l'hôpital pour l'enfant "
    + "mardi prochain à 9h30 : Madame demande un bon de transport. Elle a contacté la CAF pour mettre à jour sa déclaration trimestrielle ; "
    + "l'aide au logement devrait reprendre en avril. Orientation vers l'épicerie solidaire (tél. 01 60 00 00 00). Prochain rendez-vous fixé au 2 avril. ";
const string warned = "Madame semble dépressive et agressive, son conjoint est alcoolique et a fait de la prison ; ils sont musulmans pratiquants "
    + "et en situation irrégulière, conflits conjugaux fréquents, enfant autiste suivi en psychiatrie. ";
const string refused = "NIR 1 85 05 78 006 084 91, IBAN FR76 3000 6000 0112 3456 7890 189, carte 4970 1012 3456 7893, mdp : Soleil2024, "
    + "n° CAF 1234567, titre de séjour 7501234567. ";
string Fill(string s) { var t = s; while (t.Length < 1000) t += s; return t[..1000]; }
var texts = new[] { ("propre", Fill(clean)), ("mots signalés", Fill(warned)), ("identifiants", Fill(refused)) };

foreach (var (name, text) in texts)
{
    for (var i = 0; i < 2_000; i++) TextGuard.Analyse(text); // warm-up
    var sw = Stopwatch.StartNew();
    var findings = 0;
    for (var i = 0; i < iterations; i++) findings += TextGuard.Analyse(text).Findings.Count;
    sw.Stop();
    var micros = sw.Elapsed.TotalMicroseconds / iterations;
    Console.WriteLine($"{name,-14} {micros,8:F1} µs pour 1 000 caractères ({findings / iterations} constats, {iterations} itérations)");
}
