using System.Globalization;
using System.Text.RegularExpressions;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Platform.Calendar.ComputeDeadline;

/// <summary>
/// "When is it due?": a moment plus working days and/or working hours on the working calendar, for clients that show
/// deadlines and for checking the calendar by hand. Days are added first (same clock time N working days later),
/// then hours.
/// </summary>
public static partial class ComputeDeadline
{
    public const int MaxWorkingDays = 3650;
    public const double MaxWorkingHours = 10000;

    /// <param name="From">ISO 8601; without an offset it is China time; missing = now.</param>
    /// <param name="WorkingHours">Working hours, decimals allowed (0.5 = 30 working minutes).</param>
    /// <param name="WorkingDays">Whole working days.</param>
    public sealed record Query(string? From, string? WorkingHours, string? WorkingDays);

    /// <param name="From">The moment asked about (UTC).</param>
    /// <param name="CountingFrom">When the clock starts: <c>from</c> itself within office hours, else the next opening (UTC).</param>
    /// <param name="Deadline">The deadline (UTC).</param>
    /// <param name="DeadlineChinaTime">The same deadline written in China Standard Time (+08:00).</param>
    public sealed record Response(
        DateTime From, DateTime CountingFrom, DateTime Deadline, DateTimeOffset DeadlineChinaTime, int WorkingDays, double WorkingHours);

    public abstract record Result
    {
        public sealed record Computed(Response Deadline) : Result;

        public sealed record Invalid(string Field, string Message) : Result;
    }

    public sealed class Handler(IWorkingCalendar calendar, TimeProvider clock)
    {
        public Result Handle(Query query)
        {
            DateTime from;
            if (string.IsNullOrWhiteSpace(query.From))
            {
                from = clock.GetUtcNow().UtcDateTime;
            }
            else if (ParseMoment(query.From) is { } parsed)
            {
                from = parsed;
            }
            else
            {
                return new Result.Invalid("from", "时间格式应为 ISO 8601，如 2025-10-09T16:00:00+08:00（不带时区时按北京时间）");
            }

            if (ChinaTime.FromUtc(from).Year is < CalendarDayKinds.FirstYear or > CalendarDayKinds.LastYear)
            {
                return new Result.Invalid("from", $"from 须在 {CalendarDayKinds.FirstYear} 年至 {CalendarDayKinds.LastYear} 年之间");
            }

            var days = 0;
            if (!string.IsNullOrWhiteSpace(query.WorkingDays)
                && (!int.TryParse(query.WorkingDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) || days > MaxWorkingDays))
            {
                return new Result.Invalid("workingDays", $"workingDays 须为 0 至 {MaxWorkingDays} 之间的整数");
            }

            var hours = 0d;
            if (!string.IsNullOrWhiteSpace(query.WorkingHours)
                && (!double.TryParse(query.WorkingHours.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours) || hours > MaxWorkingHours))
            {
                return new Result.Invalid("workingHours", $"workingHours 须为 0 至 {MaxWorkingHours} 之间的数字，可带小数（0.5 即 30 分钟）");
            }

            if (days == 0 && hours == 0)
            {
                return new Result.Invalid("workingHours", "请给出 workingHours 或 workingDays（至少一个大于 0）");
            }

            var deadline = calendar.AddWorkingDays(from, days);
            deadline = calendar.AddWorkingTime(deadline, TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour)));
            return new Result.Computed(new Response(from, calendar.NextWorkingMoment(from), deadline, ChinaTime.ToOffset(deadline), days, hours));
        }
    }

    /// <summary>
    /// ISO 8601 with <c>Z</c> or an offset → that moment; without one → China wall-clock time. A <c>+</c> sent unescaped
    /// in a query string arrives as a space (<c>…16:00:00 08:00</c>) and is read as the <c>+</c> it was.
    /// </summary>
    public static DateTime? ParseMoment(string text)
    {
        text = text.Trim();
        if (UnescapedPlus().IsMatch(text))
        {
            text = UnescapedPlus().Replace(text, "+${offset}");
        }

        if (HasOffset().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment) ? moment.UtcDateTime : null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var clockTime)
            ? ChinaTime.ToUtc(clockTime)
            : null;
    }

    [GeneratedRegex(@"(?<=\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (?<offset>\d{2}:?\d{2})$")]
    private static partial Regex UnescapedPlus();

    [GeneratedRegex(@"\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();

    public static RouteHandlerBuilder Map(RouteGroupBuilder calendar) =>
        calendar.MapGet("/deadline", Results<Ok<Response>, ValidationProblem> (string? from, string? workingHours, string? workingDays, Handler handler) =>
                handler.Handle(new Query(from, workingHours, workingDays)) switch
                {
                    Result.Computed c => TypedResults.Ok(c.Deadline),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    _ => throw new InvalidOperationException(),
                })
            .RequireAuthorization(Policies.Staff)
            .WithName("Calendar.ComputeDeadline")
            .WithSummary("按工作日历计算期限：from（ISO 8601，缺省为现在，不带时区按北京时间）加 workingDays 个工作日、再加 workingHours 个工作小时");
}
