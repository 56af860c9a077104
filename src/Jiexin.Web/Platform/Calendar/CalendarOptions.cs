using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Calendar;

/// <summary><c>Jiexin:Calendar</c>: office hours and how often other app instances pick up edits.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Jiexin:Calendar";

    /// <summary>China Standard Time periods of a working day, e.g. <c>08:30-12:00,13:30-17:30</c> (the default).</summary>
    public string WorkingHours { get; set; } = Calendar.WorkingHours.Default;

    /// <summary>
    /// Minutes between reloads of the special days from the database (0 = never). An edit reloads its own instance at
    /// once; this is how the other instances sharing one PostgreSQL catch up.
    /// </summary>
    public int RefreshMinutes { get; set; } = 5;

    public WorkingHours ParsedWorkingHours() => Calendar.WorkingHours.Parse(WorkingHours);
}

internal sealed class ValidateCalendarOptions : IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        if (!Calendar.WorkingHours.TryParse(options.WorkingHours, out _, out var error))
        {
            return ValidateOptionsResult.Fail($"{CalendarOptions.Section}:WorkingHours: {error}");
        }

        return options.RefreshMinutes < 0
            ? ValidateOptionsResult.Fail($"{CalendarOptions.Section}:RefreshMinutes must be 0 (off) or more.")
            : ValidateOptionsResult.Success;
    }
}
