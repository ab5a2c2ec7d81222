using Discret.Domain.Mandates;
using Discret.Tests.Support;

namespace Discret.Tests.AideNumerique;

/// <summary>
/// Mandates made through the domain (the pages that create them belong to Features/Mandats): prepared, sealed and, unless
/// told otherwise, signed; saved through the test factory's DbContext.
/// </summary>
public static class MandateFixture
{
    public static async Task<Mandate> CreateAsync(DiscretFactory app, TestCase file, IReadOnlyList<Guid> mandataires, DateOnly startsOn, DateOnly endsOn,
        IReadOnlyList<(ProcedureDomain Domain, IReadOnlyList<OnlineOrganisation> Organisations)>? authorisations = null, bool signed = true,
        Action<Mandate>? then = null)
    {
        var now = app.Clock?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow;
        var terms = new MandateTerms(startsOn, endsOn, ProtectionMeasure.Aucune, null, mandataires, [MandateDataKind.EtatCivil, MandateDataKind.Ressources],
            authorisations ?? [(ProcedureDomain.Social, [OnlineOrganisation.Caf, OnlineOrganisation.Cpam]), (ProcedureDomain.Logement, [OnlineOrganisation.BailleurSocial])]);
        var mandate = new Mandate(file.PersonId, file.FollowUpId!.Value, terms, mandataires[0], now);
        mandate.Seal("test-1", """{"modele":"essai"}""");
        if (signed) mandate.RecordSignature(startsOn, MandateSigner.LaPersonne, mandataires[0], now);
        then?.Invoke(mandate);
        await app.WithDbAsync(async db => { db.Mandates.Add(mandate); await db.SaveChangesAsync(); });
        return mandate;
    }
}
