using Jiexin.Platform.Calendar.Seed;
using Jiexin.Platform.Data;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Calendar;

/// <summary>
/// The Chinese working calendar (工作日历): special days in <c>platform_calendar_days</c>, seeded from the shipped national
/// schedules, edited by the Admin at /admin/calendar; <see cref="IWorkingCalendar"/> for every module's deadlines.
/// (Its entity configuration is applied with the rest of Platform's.)
/// </summary>
public static class CalendarModule
{
    public static WebApplicationBuilder AddWorkingCalendar(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CalendarOptions>, ValidateCalendarOptions>();
        services.AddSingleton<CachedWorkingCalendar>();
        services.AddSingleton<IWorkingCalendar>(sp => sp.GetRequiredService<CachedWorkingCalendar>());
        services.AddScoped<IStartupTask, CalendarSeeder>();
        services.AddScoped<IStartupTask, LoadWorkingCalendar>();
        services.AddHostedService<RefreshWorkingCalendar>();

        services.AddScoped<ListCalendarDays.ListCalendarDays.Handler>();
        services.AddScoped<SaveCalendarDay.SaveCalendarDay.Handler>();
        services.AddScoped<DeleteCalendarDay.DeleteCalendarDay.Handler>();
        services.AddScoped<ConfirmCalendarYear.ConfirmCalendarYear.Handler>();
        services.AddSingleton<ComputeDeadline.ComputeDeadline.Handler>();
        return builder;
    }

    /// <summary><c>/api/v1/calendar</c>: days (read: staff; edit: Admin), year confirmation (Admin), deadline (staff).</summary>
    public static RouteGroupBuilder MapCalendarApi(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");
        ListCalendarDays.ListCalendarDays.Map(calendar);
        SaveCalendarDay.SaveCalendarDay.Map(calendar);
        DeleteCalendarDay.DeleteCalendarDay.Map(calendar);
        ConfirmCalendarYear.ConfirmCalendarYear.Map(calendar);
        ComputeDeadline.ComputeDeadline.Map(calendar);
        return api;
    }
}
