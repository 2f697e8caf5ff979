using Microsoft.Build.Locator;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// Registers the SDK's MSBuild once per test process. It must run before any Microsoft.Build type is loaded,
/// so every test that touches MSBuild types sits in <see cref="MSBuildCollection"/>, whose fixture calls this
/// before the first test class of the collection is even constructed.
/// </summary>
public sealed class MSBuildRegistration
{
    public MSBuildRegistration()
    {
        lock (Gate)
        {
            if (!MSBuildLocator.IsRegistered)
            {
                Instance = MSBuildLocator.RegisterDefaults();
            }
        }
    }

    public static VisualStudioInstance? Instance { get; private set; }

    private static readonly object Gate = new();
}

/// <summary>
/// One collection, not run in parallel: in-process builds change the process's current folder.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MSBuildCollection : ICollectionFixture<MSBuildRegistration>
{
    public const string Name = "MSBuild";
}
