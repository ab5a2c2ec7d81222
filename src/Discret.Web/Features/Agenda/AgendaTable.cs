namespace Discret.Web.Features.Agenda;

/// <summary>The model of the agenda's one table (<c>_AgendaTable.cshtml</c>), shared by every view of the agenda.</summary>
public sealed record AgendaTable(string Caption, IReadOnlyList<AgendaLists.Line> Lines, bool MarkArrivals, string Back, bool WithDay = false);
