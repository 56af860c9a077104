using System.Globalization;
using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Item = Jiexin.Platform.Calendar.ListCalendarDays.ListCalendarDays.Item;
using ListHandler = Jiexin.Platform.Calendar.ListCalendarDays.ListCalendarDays.Handler;

namespace Jiexin.Platform.Calendar.SaveCalendarDay;

/// <summary>
/// Adds a special day or edits one (optimistic concurrency on <c>Version</c>); the calendar is reloaded at once, so the
/// next deadline computed counts with it. Saving confirms a provisional day: the Admin has checked it.
/// </summary>
public static class SaveCalendarDay
{
    public const string StaleMessage = "该日期已被他人修改，您编辑的是旧版本。请刷新后重新修改。";

    /// <summary>
    /// The API body. Text fields, so that a wrong date or kind gets a Chinese message next to the field rather than a
    /// bare "bad request". <see cref="Version"/> is the version that was edited (ignored on create).
    /// </summary>
    public sealed class Input
    {
        /// <summary><c>yyyy-MM-dd</c>, between 2000 and 2100.</summary>
        public string? Date { get; set; }

        /// <summary><c>Holiday</c> (放假) or <c>MakeUpWorkday</c> (调休上班).</summary>
        public string? Kind { get; set; }

        /// <summary>The festival, e.g. 春节.</summary>
        public string? Name { get; set; }

        public int Version { get; set; }
    }

    public sealed record Command(Guid? Id, Input Input);

    public abstract record Result
    {
        public sealed record Saved(Item Day) : Result;

        public sealed record NotFound : Result;

        public sealed record Invalid(string Field, string Message) : Result;

        public sealed record Conflict(string Message) : Result;
    }

    public sealed class Handler(JiexinDbContext db, CachedWorkingCalendar calendar, ListHandler read)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var input = command.Input;
            if (Check(input) is not { } valid)
            {
                return FirstError(input);
            }

            var (date, kind, name) = valid;
            CalendarDay entity;
            if (command.Id is { } id)
            {
                var found = await db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.Id == id, ct);
                if (found is null)
                {
                    return new Result.NotFound();
                }

                if (found.Version != input.Version)
                {
                    return new Result.Conflict(StaleMessage);
                }

                entity = found;
                db.Entry(entity).Property(d => d.Version).OriginalValue = input.Version;
            }
            else
            {
                entity = new CalendarDay { Id = Guid.CreateVersion7(), Date = date, Name = name };
                db.Add(entity);
            }

            if (await db.Set<CalendarDay>().Where(d => d.Date == date && d.Id != entity.Id).Select(d => new { d.Name, d.Kind }).FirstOrDefaultAsync(ct) is { } other)
            {
                return Duplicate(date, other.Name, other.Kind);
            }

            entity.Date = date;
            entity.Kind = kind;
            entity.Name = name;
            entity.Provisional = false;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict(StaleMessage);
            }
            catch (DbUpdateException)
            {
                // Someone added the same date a moment ago: the unique index said no.
                return new Result.Invalid("date", $"{Format(date)} 已有安排，不能重复添加；请刷新后编辑该日");
            }

            await calendar.ReloadAsync(ct);
            return new Result.Saved((await read.Find(entity.Id, ct))!);
        }

        private static Result.Invalid Duplicate(DateOnly date, string name, CalendarDayKind kind) =>
            new("date", $"{Format(date)} 已有安排（{name}，{(kind == CalendarDayKind.Holiday ? "放假" : "调休上班")}），不能重复添加；请直接编辑该日");
    }

    /// <summary>The parsed input, or null when something is wrong (<see cref="FirstError"/> says what).</summary>
    public static (DateOnly Date, CalendarDayKind Kind, string Name)? Check(Input input) =>
        ParseDate(input.Date) is { } date && CalendarDayKinds.InRange(date)
        && CalendarDayKinds.Parse(input.Kind) is { } kind
        && input.Name?.Trim() is { Length: > 0 and <= CalendarDay.NameMaxLength } name
        && (kind == CalendarDayKind.Holiday || CalendarDayKinds.IsWeekend(date))
            ? (date, kind, name)
            : null;

    public static Result.Invalid FirstError(Input input)
    {
        if (string.IsNullOrWhiteSpace(input.Date))
        {
            return new("date", "请填写日期");
        }

        if (ParseDate(input.Date) is not { } date)
        {
            return new("date", "日期格式应为 yyyy-MM-dd，如 2025-10-01");
        }

        if (!CalendarDayKinds.InRange(date))
        {
            return new("date", $"日期须在 {CalendarDayKinds.FirstYear} 年至 {CalendarDayKinds.LastYear} 年之间");
        }

        if (string.IsNullOrWhiteSpace(input.Kind))
        {
            return new("kind", "请选择类型：放假（Holiday）或调休上班（MakeUpWorkday）");
        }

        if (CalendarDayKinds.Parse(input.Kind) is not { } kind)
        {
            return new("kind", $"未知的类型「{input.Kind.Trim()}」：只能是放假（Holiday）或调休上班（MakeUpWorkday）");
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            return new("name", "请填写名称，如：春节");
        }

        if (input.Name.Trim().Length > CalendarDay.NameMaxLength)
        {
            return new("name", $"名称最多 {CalendarDay.NameMaxLength} 个字");
        }

        return kind == CalendarDayKind.MakeUpWorkday && !CalendarDayKinds.IsWeekend(date)
            ? new("kind", $"{Format(date)} 是{ChineseWeekday(date)}，本来就是工作日；只有周六、周日才需要标记为调休上班")
            : new("date", "提交的数据有误");
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ChineseWeekday(DateOnly date) => "周" + "日一二三四五六"[(int)date.DayOfWeek];

    public static void Map(RouteGroupBuilder calendar)
    {
        calendar.MapPost("/days", async Task<Results<Created<Item>, ValidationProblem, ProblemHttpResult>> (
                Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(null, body), ct) switch
                {
                    Result.Saved s => TypedResults.Created($"/api/v1/calendar/days/{s.Day.Id}", s.Day),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("该日期安排不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.Admin)
            .WithName("Calendar.CreateDay")
            .WithSummary("新增节假日或调休上班日");

        calendar.MapPut("/days/{id:guid}", async Task<Results<Ok<Item>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, body), ct) switch
                {
                    Result.Saved s => TypedResults.Ok(s.Day),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("该日期安排不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.Admin)
            .WithName("Calendar.UpdateDay")
            .WithSummary("修改节假日或调休上班日（带上所编辑的 version，旧版本返回 409）");
    }
}
