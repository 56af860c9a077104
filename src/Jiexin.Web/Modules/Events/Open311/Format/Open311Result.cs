namespace Jiexin.Modules.Events.Open311.Format;

/// <summary>One GeoReport v2 error: the code (as a rule the HTTP status) and a description meant for the user.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>
/// The HTTP answer of every Open311 endpoint: a GeoReport document in the format the resource name asked for.
/// Errors are the spec's <c>&lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;</c> array, not problem+json
/// (docs/decisions/0020-open311.md).
/// </summary>
public sealed class Open311Result(int status, string rootName, Open311Node body, Open311Format format)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public string ContentType => Open311Writer.ContentType(format);

    public string RootName => rootName;

    public Open311Node Body => body;

    public static Open311Result Ok(string rootName, Open311Node body, Open311Format format) =>
        new(StatusCodes.Status200OK, rootName, body, format);

    public static Open311Result Errors(int status, Open311Format format, params Open311Error[] errors) =>
        new(status, "errors", new Open311Array("error", [.. errors.Select(e => new Open311Object(("code", e.Code), ("description", e.Description)))]), format);

    /// <summary>400: the request cannot be fulfilled as it is (the spec's general error).</summary>
    public static Open311Result BadRequest(Open311Format format, params Open311Error[] errors) => Errors(StatusCodes.Status400BadRequest, format, errors);

    public static Open311Result BadRequest(Open311Format format, string description) =>
        Errors(StatusCodes.Status400BadRequest, format, new Open311Error(StatusCodes.Status400BadRequest, description));

    /// <summary>403: a missing or invalid api_key.</summary>
    public static Open311Result Forbidden(Open311Format format, string description) =>
        Errors(StatusCodes.Status403Forbidden, format, new Open311Error(StatusCodes.Status403Forbidden, description));

    /// <summary>404: the resource (service code, request, token, jurisdiction) does not exist.</summary>
    public static Open311Result NotFound(Open311Format format, string description) =>
        Errors(StatusCodes.Status404NotFound, format, new Open311Error(StatusCodes.Status404NotFound, description));

    /// <summary>An unknown format (e.g. <c>requests.html</c>): answered in XML, the one format every client reads.</summary>
    public static Open311Result UnknownFormat(string? format) =>
        BadRequest(Open311Format.Xml, $"不支持的格式“{format}”，请使用 .xml 或 .json。 Unsupported format '{format}': use .xml or .json.");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        await Open311Writer.WriteAsync(response.Body, rootName, body, format, httpContext.RequestAborted);
    }
}
