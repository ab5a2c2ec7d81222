using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Accounts;

[Collection(InstallationCollection.Name)]
public class DepartementSettingsTests(DiscretFactory app)
{
    private async Task<Dictionary<string, string>> CurrentFormAsync() => await app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<Discret.Data.DiscretDbContext>();
        var s = await db.DepartementSettings.AsNoTracking().SingleAsync();
        return new Dictionary<string, string>
        {
            ["Input.Name"] = s.Name, ["Input.PrimaryColor"] = s.PrimaryColor, ["Input.ControllerName"] = s.ControllerName,
            ["Input.DpoContact"] = s.DpoContact, ["Input.PostalAddress"] = s.PostalAddress, ["Input.Accessibility"] = s.AccessibilityStatus.ToString(),
        };
    });

    /// <summary>The form as the page sends it: its fields and one entry per domain of online procedures ticked.</summary>
    private async Task<IEnumerable<KeyValuePair<string, string>>> Sent(Dictionary<string, string> form)
    {
        var offered = await app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().DepartementSettings.Select(s => s.OfferedProcedureDomains).SingleAsync());
        return form.Concat(DepartementSettings.ParseDomains(offered).Select(d => new KeyValuePair<string, string>("Input.OfferedDomains", d.ToString()))).ToList();
    }

    [Fact]
    public async Task A_colour_too_light_for_white_text_is_refused_and_nothing_changes()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var form = await CurrentFormAsync();
        var before = form["Input.PrimaryColor"];
        form["Input.PrimaryColor"] = "#ffd700";
        form["Input.Name"] = "Nom qui ne doit pas être enregistré";
        var response = await admin.PostFormAsync("/administration/departement", await Sent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Couleur trop claire", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var after = await CurrentFormAsync();
        Assert.Equal(before, after["Input.PrimaryColor"]);
        Assert.NotEqual("Nom qui ne doit pas être enregistré", after["Input.Name"]);
    }

    [Fact]
    public async Task The_theme_stylesheet_follows_the_primary_colour()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var form = await CurrentFormAsync();
        form["Input.PrimaryColor"] = "#6a1b4d";
        var response = await admin.PostFormAsync("/administration/departement", await Sent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var css = await app.Anonymous().GetStringAsync("/theme.css?v=" + Guid.NewGuid());
        Assert.Contains("--bs-primary: #6a1b4d", css);
    }

    [Fact]
    public async Task A_png_logo_is_served_and_a_file_that_is_not_an_image_is_refused()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        async Task<HttpResponseMessage> Upload(byte[] bytes, string name)
        {
            var token = await admin.AntiforgeryTokenAsync("/administration/departement");
            var form = new MultipartFormDataContent();
            foreach (var (k, v) in await Sent(await CurrentFormAsync())) form.Add(new StringContent(v), k);
            form.Add(new StringContent(token), "__RequestVerificationToken");
            form.Add(new ByteArrayContent(bytes), "Input.Logo", name);
            return await admin.Client.PostAsync("/administration/departement", form);
        }
        var notImage = await Upload("<svg onload=alert(1)>"u8.ToArray(), "logo.png");
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        Assert.Contains("PNG ou JPEG", WebUtility.HtmlDecode(await notImage.Content.ReadAsStringAsync()));

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        Assert.Equal(HttpStatusCode.Redirect, (await Upload(png, "logo.png")).StatusCode);
        var logo = await app.Anonymous().GetAsync("/departement/logo");
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await logo.Content.ReadAsByteArrayAsync());
    }
}
