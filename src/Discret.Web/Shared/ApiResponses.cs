namespace Discret.Web.Shared;

/// <summary>The answer to a create: the new record's identifier (its address is in <c>Location</c> when it has one).</summary>
/// <param name="Id">Identifier of the record created.</param>
public sealed record CreatedId(Guid Id);

/// <summary>The answer to a correction: the record and its new version (to send with the next change).</summary>
/// <param name="Id">Identifier of the record corrected.</param>
/// <param name="Version">Its version after the correction.</param>
public sealed record VersionView(Guid Id, int Version);
