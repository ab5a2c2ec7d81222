using Discret.Domain.Mandates;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Mandats;

/// <summary>The choices of the mandate forms (labels: next to the lists, in Discret.Domain.Mandates).</summary>
public static class MandateLabels
{
    public static IEnumerable<SelectListItem> Organisations =>
        Enum.GetValues<OnlineOrganisation>().Select(o => new SelectListItem(o.Label(), o.ToString()));

    public static IEnumerable<SelectListItem> DataKinds =>
        Enum.GetValues<MandateDataKind>().Select(k => new SelectListItem(k.Label(), k.ToString()));

    public static IEnumerable<SelectListItem> Protections =>
        Enum.GetValues<ProtectionMeasure>().Select(m => new SelectListItem(m.Label(), m.ToString()));

    public static IEnumerable<SelectListItem> Signers =>
        Enum.GetValues<MandateSigner>().Select(s => new SelectListItem(s.Label(), s.ToString())).Prepend(new SelectListItem("Choisissez qui a signé", ""));

    public static IEnumerable<SelectListItem> Reasons =>
        Enum.GetValues<MandateRevocationReason>().Select(r => new SelectListItem(r.Label(), r.ToString())).Prepend(new SelectListItem("Sans raison indiquée", ""));

    public const string OneDay = "jour", UntilDate = "date";

    public static IEnumerable<SelectListItem> Durations =>
    [
        new("Un jour seulement (le premier jour)", OneDay),
        new("Jusqu'à une date (12 mois au plus)", UntilDate),
    ];

    /// <summary>« Papiers, citoyenneté, élections ; Logement (révoquée le 03/02/2027) ».</summary>
    public static string Domains(IEnumerable<Mandates.DomainLine> domains) =>
        string.Join(" ; ", domains.Select(d => d.Domain.Label() + (d.RevokedOn is { } r ? $" (révoquée le {ParisTime.Day(r)})" : "")));
}
