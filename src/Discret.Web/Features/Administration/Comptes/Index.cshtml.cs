using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration.Comptes;

public sealed class IndexModel(DiscretDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, string DisplayName, string Login, StaffRole Role, string Circonscription, string State);

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public int TotalPages { get; private set; }
    public List<Row> Accounts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Total = await db.Users.CountAsync();
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, TotalPages);
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .OrderBy(a => a.DisplayName).ThenBy(a => a.UserName)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Circonscriptions, a => a.CirconscriptionId, c => c.Id,
                (a, c) => new { a.Id, a.DisplayName, a.UserName, a.Role, Circonscription = c.Name, a.IsActive, a.TwoFactorEnabled, a.ActivationTokenHash, a.LockoutEnd, a.AccessConfirmedAt,
                    Pending = db.AccountRequests.Any(r => r.AccountId == a.Id && r.Outcome == null) })
            .ToListAsync();
        Accounts = rows.Select(r => new Row(r.Id, r.DisplayName, r.UserName ?? "", r.Role, r.Circonscription,
            !r.IsActive ? "Désactivé"
            : r.Pending ? "En attente de confirmation (responsable de circonscription ou DPO)"
            : r.AccessConfirmedAt is null ? "Accès non confirmé"
            : r.LockoutEnd > now ? "Verrouillé (échecs de connexion)"
            : r.ActivationTokenHash is not null ? "En attente d'activation"
            : r.TwoFactorEnabled ? "Actif" : "Double authentification à activer")).ToList();
    }
}
