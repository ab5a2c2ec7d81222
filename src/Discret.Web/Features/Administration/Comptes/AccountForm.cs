using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration.Comptes;

/// <summary>Choices shared by the account forms.</summary>
public static class AccountForm
{
    public static IEnumerable<SelectListItem> Roles() =>
        new[] { new SelectListItem("— Choisir —", "") }
            .Concat(Enum.GetValues<StaffRole>().Select(r => new SelectListItem(r.Label(), r.ToString())));

    public static async Task<List<SelectListItem>> CirconscriptionsAsync(DiscretDbContext db) =>
        new[] { new SelectListItem("— Choisir —", "") }
            .Concat(await db.Circonscriptions.AsNoTracking().OrderBy(c => c.Name).Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync())
            .ToList();
}
