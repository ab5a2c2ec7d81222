using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Personnes;

/// <summary>"Declared ≠ collected" can never happen again: the catalogue and the database model must match exactly.</summary>
[Collection(PersonsCollection.Name)]
public class CatalogueTests(DiscretFactory app)
{
    /// <summary>Every stored property of every entity holding personal data, as "Entity.Property" (complex types: "Entity.Complex.Property").</summary>
    private List<string> MappedPersonalProperties() => app.With(sp =>
    {
        var model = sp.GetRequiredService<Discret.Data.DiscretDbContext>().Model;
        var result = new List<string>();
        foreach (var entity in model.GetEntityTypes().Where(e => typeof(IPersonalData).IsAssignableFrom(e.ClrType)))
        {
            var name = entity.ClrType.Name;
            var key = entity.FindPrimaryKey()!;
            foreach (var p in entity.GetProperties())
            {
                // A key of one column that points nowhere is a surrogate; a composite key's own columns are data (a person's search word).
                var isSurrogateKey = key.Properties.Count == 1 && key.Properties.Contains(p) && !p.IsForeignKey();
                if (isSurrogateKey || p.IsConcurrencyToken || p.IsShadowProperty()) continue;
                result.Add($"{name}.{p.Name}");
            }
            foreach (var complex in entity.GetComplexProperties())
                foreach (var p in complex.ComplexType.GetProperties())
                    result.Add($"{name}.{complex.Name}.{p.Name}");
        }
        return result;
    });

    [Fact]
    public void Every_stored_personal_field_is_declared_in_the_catalogue()
    {
        var declared = DataCatalogue.Fields.Select(f => $"{f.Entity}.{f.Property}").ToHashSet();
        var mapped = MappedPersonalProperties();
        Assert.Contains("Person.BirthName", mapped);            // the walk really sees the model…
        Assert.Contains("Interview.Provenance.Source", mapped); // …including complex types
        Assert.Contains("FollowUpMember.StaffAccountId", mapped);
        var undeclared = mapped.Where(p => !declared.Contains(p)).ToList();
        Assert.True(undeclared.Count == 0, "Stored but not declared in the catalogue: " + string.Join(", ", undeclared));
    }

    /// <summary>
    /// Every column of every table (issue 17 §2), not only the persons': declared in the persons' catalogue, in the staff
    /// processing, or named as no personal data with its reason. Keys that point nowhere and concurrency tokens excepted.
    /// </summary>
    [Fact]
    public void Every_column_of_every_table_is_declared_for_the_persons_for_the_staff_or_as_no_personal_data()
    {
        var declared = DataCatalogue.Fields.Select(f => $"{f.Entity}.{f.Property}")
            .Concat(StaffCatalogue.Fields.Select(f => $"{f.Entity}.{f.Property}"))
            .Concat(StaffCatalogue.NotPersonalColumns.Keys).ToHashSet();
        var columns = app.With(sp =>
        {
            var model = sp.GetRequiredService<Discret.Data.DiscretDbContext>().Model;
            var result = new List<string>();
            foreach (var entity in model.GetEntityTypes().Where(e => !e.IsOwned()))
            {
                var name = entity.ClrType.Name.Split('`')[0];
                if (StaffCatalogue.NotPersonal.ContainsKey(name)) continue;
                var key = entity.FindPrimaryKey();
                foreach (var p in entity.GetProperties())
                {
                    var isSurrogateKey = key is not null && key.Properties.Count == 1 && key.Properties.Contains(p) && !p.IsForeignKey();
                    if (isSurrogateKey || p.IsConcurrencyToken || p.IsShadowProperty()) continue;
                    result.Add($"{name}.{p.Name}");
                }
                foreach (var complex in entity.GetComplexProperties())
                    foreach (var p in complex.ComplexType.GetProperties())
                        result.Add($"{name}.{complex.Name}.{p.Name}");
            }
            return result;
        });
        Assert.Contains("StaffAccount.PasswordHash", columns);   // the walk sees the staff tables…
        Assert.Contains("IdentityUserToken.Value", columns);     // …and Identity's own
        var undeclared = columns.Where(c => !declared.Contains(c)).ToList();
        Assert.True(undeclared.Count == 0, "Colonnes déclarées nulle part : " + string.Join(", ", undeclared));
        var orphans = StaffCatalogue.Fields.Select(f => $"{f.Entity}.{f.Property}").Concat(StaffCatalogue.NotPersonalColumns.Keys)
            .Where(c => !columns.Contains(c)).ToList();
        Assert.True(orphans.Count == 0, "Déclarées mais stockées nulle part : " + string.Join(", ", orphans));
        Assert.All(StaffCatalogue.NotPersonal.Keys, t => Assert.Contains(app.With(sp =>
            sp.GetRequiredService<Discret.Data.DiscretDbContext>().Model.GetEntityTypes().Select(e => e.ClrType.Name.Split('`')[0]).ToList()), n => n == t));
    }

    [Fact]
    public void Every_catalogue_entry_maps_to_a_stored_field()
    {
        var mapped = MappedPersonalProperties().ToHashSet();
        var orphans = DataCatalogue.Fields.Select(f => $"{f.Entity}.{f.Property}").Where(f => !mapped.Contains(f)).ToList();
        Assert.True(orphans.Count == 0, "Declared but stored nowhere: " + string.Join(", ", orphans));
    }

    [Fact]
    public void The_catalogue_declares_each_field_once_with_a_purpose() =>
        Assert.All(DataCatalogue.Fields.GroupBy(f => $"{f.Entity}.{f.Property}"), g =>
        {
            Assert.Single(g);
            Assert.NotEmpty(g.Single().Purposes);
            Assert.False(string.IsNullOrWhiteSpace(g.Single().Label));
        });

    [Fact]
    public void The_model_holds_no_nir_nationality_diagnosis_or_free_comment_on_persons()
    {
        string[] forbidden = ["nir", "secu", "nationalit", "titresejour", "sejour", "diagnos", "frein", "potentialit", "comment", "note"];
        // The one sanctioned exception: a worker's own working notes (issue 6) — author-only, guarded, expiring; see WorkingNotesTests.
        var offending = MappedPersonalProperties().Where(p => !p.StartsWith("WorkingNote.", StringComparison.Ordinal))
            .Where(p => forbidden.Any(f => p.ToLowerInvariant().Contains(f))).ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void Every_field_group_has_its_grants() =>
        Assert.Equal(Enum.GetValues<FieldGroup>().OrderBy(g => g), DataCatalogue.Grants.Select(g => g.Group).OrderBy(g => g));

    [Fact]
    public void Direction_dpo_and_administration_are_granted_no_case_data() =>
        Assert.All(DataCatalogue.Grants, g =>
        {
            foreach (var role in new[] { StaffRole.Direction, StaffRole.Dpo, StaffRole.AdminTechnique })
            {
                Assert.False(g.Read.ContainsKey(role), $"{role} reads {g.Group}");
                Assert.False(g.Write.ContainsKey(role), $"{role} writes {g.Group}");
            }
        });
}
