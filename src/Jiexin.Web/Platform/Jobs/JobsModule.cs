namespace Jiexin.Platform.Jobs;

/// <summary>Background jobs: one <see cref="JobRunner"/>, a list of <see cref="IRecurringJob"/>s that modules add to; bulk import jobs (<see cref="ImportJobs"/>).</summary>
public static class JobsModule
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        builder.Services.AddSingleton<ImportJobs>();
        builder.Services.AddHostedService<ImportJobsPump>();
        builder.Services.AddRecurringJob<ImportJobsSweep>();
        return builder;
    }

    /// <summary>Adds a job to the runner's list (one line per job, in the owning module).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services)
        where TJob : class, IRecurringJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobRegistration(typeof(TJob)));
        return services;
    }
}

/// <summary>One entry of the runner's list.</summary>
public sealed record RecurringJobRegistration(Type JobType);
