using Microsoft.AspNetCore.Mvc;

namespace Discret.Web.Shared;

/// <summary>
/// The API's errors (RFC 7807 / RFC 9457 problem documents): every problem Discret answers carries one of these stable
/// <c>type</c> URIs, given in one place (<see cref="ApiErrors.InFrench"/>) from the status and the title the code set. The
/// OpenAPI document lists them (the <c>ProblemDetails</c> schema and the document's description), and so do
/// <c>docs/api.md</c> and the API reference page. A URN, so that it stays the same on every installation; it is an
/// identifier, not an address to fetch.
/// </summary>
/// <param name="Slug">The end of the URI: <c>urn:discret:probleme:{slug}</c>.</param>
/// <param name="Status">The HTTP status that goes with it.</param>
/// <param name="Title">The French title; null when it names the rule that refused, and so differs from one rule to another.</param>
/// <param name="Meaning">What happened and what to do, in French, for integrators.</param>
public sealed record ProblemType(string Slug, int Status, string? Title, string Meaning)
{
    public const string Prefix = "urn:discret:probleme:";

    public string Uri => Prefix + Slug;

    public static readonly ProblemType MalformedRequest = new("requete-mal-formee", 400, "Requête invalide",
        "Le corps n'a pas pu être lu : JSON mal formé, type de champ inattendu, valeur hors d'une liste fermée ou caractère interdit.");
    public static readonly ProblemType InvalidData = new("donnees-invalides", 400, "Données invalides",
        "Un ou plusieurs champs sont refusés ; « errors » donne, par champ, le message en français. Rien n'a été enregistré.");
    public static readonly ProblemType ActionRefused = new("action-refusee", 400, null,
        "Une règle refuse l'action (accord de partage non valable, délai déjà prolongé…) ; le titre nomme la règle, « detail » l'explique.");
    public static readonly ProblemType MissingAntiforgeryToken = new("jeton-anti-falsification-manquant", 400, "Jeton anti-falsification manquant",
        "POST, PUT et DELETE exigent l'en-tête X-CSRF-TOKEN, obtenu par GET /api/v1/jeton-csrf.");
    public static readonly ProblemType InvalidIdempotencyKey = new("cle-idempotence-non-valable", 400, "Clé d'idempotence non valable",
        "L'en-tête Idempotency-Key doit être un texte de 1 à 255 caractères ASCII visibles (un UUID par création).");
    public static readonly ProblemType NotAuthenticated = new("non-authentifie", 401, "Non authentifié",
        "Aucune session valable : connectez-vous à Discret (mot de passe et second facteur).");
    public static readonly ProblemType AccountToFinish = new("compte-a-finaliser", 403, "Compte à finaliser",
        "Le compte doit d'abord activer sa double authentification et accepter la charte, dans l'application.");
    public static readonly ProblemType NotFound = new("introuvable", 404, "Introuvable",
        "La ressource n'existe pas, ou votre rôle n'y a pas accès : les deux cas répondent de la même façon.");
    public static readonly ProblemType MethodNotAllowed = new("methode-non-autorisee", 405, "Méthode non autorisée",
        "Cette adresse ne prend pas cette méthode HTTP.");
    public static readonly ProblemType Conflict = new("conflit", 409, null,
        "L'enregistrement a changé entre-temps (version périmée) ou son état interdit l'action ; relisez-le et recommencez.");
    public static readonly ProblemType PaperOnly = new("dossier-papier", 409, "Dossier papier",
        "La personne a refusé l'informatisation de son dossier : l'accompagnement se poursuit sur dossier papier.");
    public static readonly ProblemType Restricted = new("traitement-limite", 409, "Traitement limité",
        "Le traitement du dossier est limité à la demande de la personne (RGPD, article 18) : consultation seulement.");
    public static readonly ProblemType PossibleDuplicate = new("personne-peut-etre-deja-connue", 409, "Personne peut-être déjà connue",
        "Des dossiers proches existent ; vérifiez-les, puis renvoyez la création avec « notADuplicate »: true.");
    public static readonly ProblemType AlreadyInProgress = new("requete-deja-en-cours", 409, "Requête déjà en cours",
        "Une requête avec la même clé d'idempotence est en cours de traitement : attendez sa réponse.");
    public static readonly ProblemType ComputationInProgress = new("calcul-en-cours", 409, "Calcul en cours",
        "Un calcul des statistiques est déjà en cours : réessayez quand il sera terminé.");
    public static readonly ProblemType UnsupportedMediaType = new("format-non-pris-en-charge", 415, "Format non pris en charge",
        "Envoyez le corps de la requête en JSON (application/json).");
    public static readonly ProblemType IdempotencyKeyReused = new("cle-idempotence-deja-utilisee", 422, "Clé d'idempotence déjà utilisée",
        "Cette clé d'idempotence a déjà servi pour une autre requête : prenez une nouvelle clé.");
    public static readonly ProblemType TooManyRequests = new("trop-de-requetes", 429, "Trop de requêtes",
        "Trop de requêtes en peu de temps : réessayez après le délai donné par l'en-tête Retry-After.");
    public static readonly ProblemType InternalError = new("erreur-interne", 500, "Erreur interne",
        "L'opération n'a pas abouti et rien n'a été enregistré ; « reference » est à communiquer à l'administrateur.");
    public static readonly ProblemType JournalUnavailable = new("journal-indisponible", 503, "Journal des accès indisponible",
        "Le journal des accès ne peut pas être écrit : rien n'est lu ni enregistré sans lui. Réessayez plus tard.");
    public static readonly ProblemType StorageUnavailable = new("stockage-indisponible", 503, StorageFailures.Title,
        "La base de données ne répond pas (redémarrage, coupure) ou son disque est plein : rien n'a été lu ni enregistré. Réessayez après le délai de l'en-tête Retry-After.");

    public static readonly IReadOnlyList<ProblemType> All =
    [
        MalformedRequest, InvalidData, ActionRefused, MissingAntiforgeryToken, InvalidIdempotencyKey, NotAuthenticated, AccountToFinish, NotFound,
        MethodNotAllowed, Conflict, PaperOnly, Restricted, PossibleDuplicate, AlreadyInProgress, ComputationInProgress, UnsupportedMediaType,
        IdempotencyKeyReused, TooManyRequests, InternalError, JournalUnavailable, StorageUnavailable,
    ];

    /// <summary>The type of a problem the code wrote: the one of its title, else the one of its status.</summary>
    public static ProblemType Of(ProblemDetails problem) =>
        All.FirstOrDefault(t => t.Title is not null && t.Title == problem.Title && t.Status == problem.Status)
        ?? problem.Status switch
        {
            400 when problem.Extensions.ContainsKey("errors") || problem is HttpValidationProblemDetails => InvalidData,
            400 => ActionRefused,
            401 => NotAuthenticated,
            403 => AccountToFinish,
            404 => NotFound,
            405 => MethodNotAllowed,
            409 => Conflict,
            415 => UnsupportedMediaType,
            422 => IdempotencyKeyReused,
            429 => TooManyRequests,
            503 => JournalUnavailable,
            _ => InternalError,
        };
}
