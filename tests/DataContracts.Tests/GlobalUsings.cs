global using DataContracts.Tests.Support;
global using Xunit;
