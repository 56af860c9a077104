using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Open311.Format;

namespace Jiexin.Modules.Events.Open311.Services;

/// <summary>
/// <c>GET services/{service_code}.{format}</c>: the service definition. Our services ask for no attributes, so the
/// list is empty; an unknown code is 404 as the spec says.
/// </summary>
public static class GetServiceDefinition
{
    public sealed class Handler(ICategoryDirectory categories)
    {
        public Open311Object? Handle(string serviceCode) =>
            categories.Find(serviceCode) is { } service
                ? new Open311Object(("service_code", service.Code), ("attributes", new Open311Array("attribute", [])))
                : null;
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder open311) =>
        open311.MapGet("/services/{serviceCode}.{format}", async Task<Open311Result> (string serviceCode, string format, HttpRequest request, Open311Guard guard, Handler handler, CancellationToken ct) =>
            {
                if (!Open311Writer.TryParseFormat(format, out var f))
                {
                    return Open311Result.UnknownFormat(format);
                }

                if (await guard.CheckReadAsync(request, f, ct) is { } refused)
                {
                    return refused;
                }

                return handler.Handle(serviceCode) is { } definition
                    ? Open311Result.Ok("service_definition", definition, f)
                    : Open311Result.NotFound(f, $"service_code “{serviceCode}” 不存在。 service_code not found.");
            })
            .WithName("Open311.GetServiceDefinition");
}
