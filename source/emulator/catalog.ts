// The names the aggregates endpoint accepts (from the .NET SDK 270 enums, see the API reference).
import type {AnalyticsMediaType} from '../genesys/media-types.js';

export const metricNames: ReadonlySet<string> = new Set(
	`nBlindTransferred nBotInteractions nCallbackAttempts nCallbackOverSla nCallbackScheduled nCfcOffered nCobrowseSessions
nConnected nConsult nConsultTransferred nConversations nError nOffered nOutbound nOutboundAbandoned nOutboundAttempted
nOutboundConnected nOverSla nStateTransitionError nTakeover nTransferred
oAudioMessageCount oCallbackServiceLevel oExternalAudioMessageCount oExternalMediaCount oMediaCount oMessageCount
oMessageSegmentCount oMessageTurn oServiceLevel oServiceTarget oSkillExpressionApplications
tAbandon tAcd tActiveCallback tActiveCallbackComplete tAcw tAgentResponseTime tAgentVideoConnected tAlert tAnswered
tAverageAgentResponseTime tAverageCustomerResponseTime tBarging tCallbackAbandon tCallbackConnect tCallbackNotReached
tCallbackVirtualWait tCfcAbandon tCfcAcd tCfcAnswered tCfcFlowOut tCoaching tCoachingComplete tConnected tContacting
tDialing tFirstConnect tFirstDial tFirstEngagement tFirstResponse tFlowOut tHandle tHeld tHeldComplete tIvr tMonitoring
tMonitoringComplete tNotResponding tPark tParkComplete tScreenMonitoring tShortAbandon tSnippetRecord tTalk tTalkComplete
tTransmitting tUserResponseTime tVoicemail tWait`.split(/\s+/),
);

export const dimensionNames: ReadonlySet<string> = new Set(
	`activeRouting activeSkillId addressFrom addressTo agentAssistantId agentBullseyeRing agentOwned agentRank agentScore ani
assignerId authenticated conversationId conversationInitiator convertedFrom convertedTo customerParticipation
deliveryStatus destinationAddress direction disconnectType divisionId dnis edgeId eligibleAgentCount errorCode
extendedDeliveryStatus externalContactId externalMediaCount externalOrganizationId externalTag firstQueue flaggedReason
flowInType flowOutType groupId interactionType journeyActionId journeyActionMapId journeyActionMapVersion
journeyCustomerId journeyCustomerIdType journeyCustomerSessionId journeyCustomerSessionIdType knowledgeBaseId mediaCount
mediaType messageType originatingDirection originatingSocialMediaPublic outboundCampaignId outboundContactId
outboundContactListId participantName peerId proposedAgentId provider purpose queueId remote removedSkillId
requestedLanguageId requestedRouting requestedRoutingSkillId roomId routingPriority routingRing routingRule
routingRuleType scoredAgentId selectedAgentId selectedAgentRank selfServed sessionDnis sessionId skillExpressionId
stationId teamId usedRouting userId videoPresent waitingInteractionCount wrapUpCode`.split(/\s+/),
);

/** Predicates may also filter on this one, which is not a groupBy dimension. */
export const predicateOnlyDimensions: ReadonlySet<string> = new Set(['canonicalExternalContactId']);

/** The media types the demo org has traffic in (all are accepted in queries). */
export const mediaTypes = [
	'voice',
	'chat',
	'email',
	'message',
	'callback',
] as const satisfies readonly AnalyticsMediaType[];
export type MediaType = (typeof mediaTypes)[number];

/** Queue mediaSettings keys; analytics says `voice` where queues say `call`. */
export const queueMediaKey: Record<MediaType, string> = {
	voice: 'call',
	chat: 'chat',
	email: 'email',
	message: 'message',
	callback: 'callback',
};
