import NuanqiCore
