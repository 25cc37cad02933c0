// Azure resources of Token Inventory: one Linux web app (bot, tab API and tab files), its App
// Service plan, a storage account for Table Storage, a Key Vault for secrets and the Azure Bot
// registration with the Teams channel. Teams Toolkit's arm/deploy action deploys this file with
// azure.parameters.json and writes the outputs at the end into env/.env.<environment>.

@description('Prefix of every resource name; lowercase letters and digits, 3 to 11 characters.')
@minLength(3)
@maxLength(11)
param resourceBaseName string

@description('Suffix that makes the global resource names unique. Empty means a hash of the resource group id.')
@maxLength(13)
param resourceSuffix string = ''

@description('Azure region of every resource except the Azure Bot, which is global.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 is the smallest SKU with Always On, which a bot needs.')
param webAppSku string = 'B1'

@description('Microsoft Entra tenant id of the app registrations (AAD_APP_TENANT_ID).')
param aadAppTenantId string

@description('Client id of the app registration used for Teams SSO and for Graph (AAD_APP_CLIENT_ID).')
param aadAppClientId string

@description('Client secret of that app registration. Stored in Key Vault, never in app settings.')
@secure()
param aadAppClientSecret string

@description('Client id of the bot app registration (BOT_ID).')
param botAadAppClientId string

@description('Client secret of the bot app registration. Stored in Key Vault.')
@secure()
param botAadAppClientSecret string

@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = 'Token Inventory'

@description('Base64 of 32 random bytes that encrypts token seeds at rest. Stored in Key Vault.')
@secure()
@minLength(44)
param tokenSecretKey string

@description('True: also store a storage connection string in Key Vault and set TABLES_CONNECTION_STRING, which keeps shared key access on. False: managed identity only.')
param useTablesConnectionString bool = false

@description('Optional Entra group id whose members are admins besides the TokenInventory.Admin app role.')
param adminGroupId string = ''

@description('Optional Entra group id whose members may act on helpdesk cards besides the TokenInventory.Helpdesk app role.')
param helpdeskGroupId string = ''

var suffix = empty(resourceSuffix) ? take(uniqueString(resourceGroup().id), 8) : toLower(resourceSuffix)
var webAppName = '${resourceBaseName}-${suffix}'
var keyVaultName = take('kv${resourceBaseName}${suffix}', 24)
var storageAccountName = take(toLower('st${resourceBaseName}${suffix}'), 24)

// Built-in role definition ids, the same in every Azure tenant.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appCommandLine: 'npm start'
    }
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: useTablesConnectionString
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, webApp.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Losing TOKEN_SECRET_KEY makes every stored seed unreadable, so a deleted vault must stay recoverable.
    enablePurgeProtection: true
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource aadAppClientSecretEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
  }
}

resource botPasswordEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource tokenSecretKeyEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'token-secret-key'
  properties: {
    value: tokenSecretKey
  }
}

resource tablesConnectionStringEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useTablesConnectionString) {
  parent: keyVault
  name: 'tables-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

// Versionless secret URIs: App Service picks up a rotated secret without a redeployment.
var keyVaultReference = {
  aadAppClientSecret: '@Microsoft.KeyVault(SecretUri=${aadAppClientSecretEntry.properties.secretUri})'
  botPassword: '@Microsoft.KeyVault(SecretUri=${botPasswordEntry.properties.secretUri})'
  tokenSecretKey: '@Microsoft.KeyVault(SecretUri=${tokenSecretKeyEntry.properties.secretUri})'
  // Built from the vault URI because the secret exists only when useTablesConnectionString is true.
  tablesConnectionString: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/tables-connection-string/)'
}

var baseAppSettings = {
  WEBSITE_RUN_FROM_PACKAGE: '1'
  NODE_ENV: 'production'
  // The deployed package is read-only, so local state goes to the persistent /home share.
  DATA_DIR: '/home/data/token-inventory'
  PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
  // App Service forwards requests to the container, so the server must listen on all interfaces.
  HOST: '0.0.0.0'
  AZURE_TENANT_ID: aadAppTenantId
  AZURE_CLIENT_ID: aadAppClientId
  AZURE_CLIENT_SECRET: keyVaultReference.aadAppClientSecret
  TOKEN_SECRET_KEY: keyVaultReference.tokenSecretKey
  BOT_ID: botAadAppClientId
  // The bot runs as a single-tenant bot in AZURE_TENANT_ID; the bot app registration lives there too.
  BOT_PASSWORD: keyVaultReference.botPassword
  TABLES_ENDPOINT: storage.properties.primaryEndpoints.table
}

var tablesConnectionStringSetting = useTablesConnectionString ? {
  TABLES_CONNECTION_STRING: keyVaultReference.tablesConnectionString
} : {}
var adminGroupSetting = empty(adminGroupId) ? {} : {
  ADMIN_GROUP_ID: adminGroupId
}
var helpdeskGroupSetting = empty(helpdeskGroupId) ? {} : {
  HELPDESK_GROUP_ID: helpdeskGroupId
}

// Separate from the site so that the settings are written after the role assignments exist:
// App Service resolves Key Vault references with the web app's identity.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(baseAppSettings, tablesConnectionStringSetting, adminGroupSetting, helpdeskGroupSetting)
  dependsOn: [
    keyVaultSecretsUser
    tableDataContributor
    tablesConnectionStringEntry
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: webAppName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    // New multi-tenant bots cannot be created since 31 July 2025.
    msaAppType: 'SingleTenant'
    msaAppTenantId: aadAppTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Teams Toolkit writes each output into env/.env.<environment> under the output's name.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output KEY_VAULT_NAME string = keyVault.name
output STORAGE_ACCOUNT_NAME string = storage.name
output TABLES_ENDPOINT string = storage.properties.primaryEndpoints.table
