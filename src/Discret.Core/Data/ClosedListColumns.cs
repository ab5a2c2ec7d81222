using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Discret.Data;

/// <summary>
/// Closed lists are stored by name. Reading one back must never fail: a row whose value is no member of its list
/// (written by hand, by another version, a number) is read as a value outside the list, which pages show as
/// « valeur inconnue » (<see cref="Discret.Domain.Input.ClosedList"/>) — EF Core's own conversion throws on an unknown
/// name, and an unreadable journal row would break the DPO's console for good, since the journal is never changed.
/// Written as before: the member's name.
/// </summary>
internal static class ClosedListColumns
{
    /// <summary>Gives every closed-list column stored as text (<c>HasConversion&lt;string&gt;()</c>) the tolerant conversion.</summary>
    public static void ReadUnknownValues(this ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties()) Tolerate(property);
            foreach (var complex in entity.GetComplexProperties())
                foreach (var property in complex.ComplexType.GetProperties()) Tolerate(property);
        }
    }

    private static void Tolerate(IMutableProperty property)
    {
        var list = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (!list.IsEnum || property.GetProviderClrType() != typeof(string)) return;
        property.SetValueConverter((ValueConverter)Activator.CreateInstance(typeof(TolerantName<>).MakeGenericType(list))!);
    }

    private sealed class TolerantName<T>() : ValueConverter<T, string>(v => v.ToString(), s => Read(s)) where T : struct, Enum
    {
        /// <summary>An unknown name is read as a value no list uses (the smallest of the type), so that it shows as unknown.</summary>
        private static readonly T Outside = (T)Enum.ToObject(typeof(T), int.MinValue);

        private static T Read(string stored) => Enum.TryParse<T>(stored, out var value) ? value : Outside;
    }
}
