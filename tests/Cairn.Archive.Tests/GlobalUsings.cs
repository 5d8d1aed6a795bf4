global using Cairn.Tools.Tests.Support;
