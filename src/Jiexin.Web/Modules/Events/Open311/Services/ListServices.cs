using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Open311.Format;

namespace Jiexin.Modules.Events.Open311.Services;

/// <summary>
/// <c>GET services.{format}</c>: the service types a partner may report, one per 小类 of our taxonomy, grouped by 大类.
/// No service needs extra attributes (metadata false): the text, place and photo are what intake needs.
/// </summary>
public static class ListServices
{
    public sealed class Handler(ICategoryDirectory categories)
    {
        public Open311Array Handle(bool batch) =>
            new("service", [.. categories.Groups.SelectMany(g => g.Subcategories.Select(s => Describe(g, s, batch)))]);
    }

    public static Open311Object Describe(CategoryGroup group, CategoryInfo service, bool batch) => new(
        ("service_code", service.Code),
        ("service_name", service.SubcategoryName),
        ("description", $"{group.Name} · {service.SubcategoryName}（{service.EnglishName}）"),
        ("metadata", false),
        ("type", batch ? "batch" : "realtime"),
        ("keywords", string.Join(", ", new[] { service.EnglishName, group.EnglishName, service.Label }.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct())),
        ("group", group.Name));

    public static RouteHandlerBuilder Map(RouteGroupBuilder open311) =>
        open311.MapGet("/services.{format}", async Task<Open311Result> (string format, HttpRequest request, Open311Guard guard, Handler handler, CancellationToken ct) =>
            {
                if (!Open311Writer.TryParseFormat(format, out var f))
                {
                    return Open311Result.UnknownFormat(format);
                }

                return await guard.CheckReadAsync(request, f, ct) ?? Open311Result.Ok("services", handler.Handle(guard.Options.IsBatch), f);
            })
            .WithName("Open311.ListServices");
}
