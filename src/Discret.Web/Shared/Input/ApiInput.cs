using System.Reflection;
using System.Security.Claims;
using Discret.Domain.Input;
using Discret.Web.Security;

namespace Discret.Web.Shared.Input;

/// <summary>
/// The API's door for <see cref="InputRules"/>: on every <c>/api/v1</c> endpoint, the values bound from the route, the
/// query string and the JSON body are judged before the handler runs; a value that breaks a rule answers a French 400
/// naming the field, and nothing is done. One filter, so that an endpoint added tomorrow is covered without a line of its
/// own (the JSON bodies' closed lists are also read by name only: <see cref="ClosedListJson"/>).
/// </summary>
public static class ApiInput
{
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var judged = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (parameter, index))
            .Where(p => IsInput(p.parameter, services))
            .Select(p => (Name: p.parameter.Name ?? "", p.index, Body: !InputRules.Judges(p.parameter.ParameterType),
                Type: Nullable.GetUnderlyingType(p.parameter.ParameterType) ?? p.parameter.ParameterType))
            .ToArray();
        if (judged.Length == 0) return next;
        return async invocation =>
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var (name, index, body, type) in judged)
            {
                var value = invocation.Arguments[index];
                if (body) InputRules.Walk(value, "", errors);
                else if (type.IsEnum && value is not null && ClosedList.Parse(type, Raw(invocation.HttpContext, name)) is null)
                    errors[name] = [ClosedList.NotAMemberMessage]; // "99", "Lecture,Ecriture": bound by Enum.TryParse, never a member's name
                else if (InputRules.Problem(value) is { } problem) errors[name] = [problem];
            }
            return errors.Count > 0 ? ApiProblems.Validation(errors) : await next(invocation);
        };
    }

    /// <summary>The text of a route or query value, as sent.</summary>
    private static string? Raw(HttpContext http, string name) =>
        http.Request.RouteValues.TryGetValue(name, out var route) ? route?.ToString() : http.Request.Query[name].ToString();

    /// <summary>A parameter bound from the request (route, query, body) — not a service, nor the request's own objects.</summary>
    private static bool IsInput(ParameterInfo parameter, IServiceProviderIsService? services)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (InputRules.Judges(type)) return true;
        if (type.IsPrimitive || type == typeof(Guid) || type == typeof(decimal) || type.IsInterface || type.IsAbstract) return false;
        if (type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse) || type == typeof(CancellationToken)
            || type == typeof(ClaimsPrincipal)) return false;
        if (parameter.GetCustomAttributes().Any(a => a is Microsoft.AspNetCore.Mvc.FromServicesAttribute or FromKeyedServicesAttribute)) return false;
        if (services?.IsService(type) == true) return false;
        // Bound by the type itself (the file's access context): not a body.
        if (type.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static, [typeof(HttpContext)]) is not null
            || type.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static, [typeof(HttpContext), typeof(ParameterInfo)]) is not null) return false;
        return type.Assembly == typeof(ApiInput).Assembly || type.Assembly == typeof(ClosedList).Assembly;
    }
}
