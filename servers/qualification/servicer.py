"""The EligibilityService gRPC servicer: decode, call the use case, encode. No error handling
here: servers.errors.DomainErrorInterceptor turns every failure into a status."""

from __future__ import annotations

from typing import TypeAlias

import grpc

from domain.qualification.administration import EligibilityAdministration
from domain.qualification.paging import PageRequest
from domain.qualification.searches import EligibilitySearches
from domain.qualification.services import Qualification
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from ordercapture.qualification.v1 import eligibility_service_pb2_grpc
from servers.background import BackgroundTasks
from servers.extensions import extension_from
from servers.qualification.mapping.checks import (
    check_filter_from,
    check_request_from,
    check_to,
    place_from,
)
from servers.qualification.mapping.profiles import profile_to, profiles_from
from servers.qualification.mapping.queries import (
    criteria_from,
    eligible_offering_to,
    query_to,
)
from servers.qualification.mapping.rules import rule_to, rules_from

Context: TypeAlias = "grpc.aio.ServicerContext[object, object]"


class EligibilityServicer(eligibility_service_pb2_grpc.EligibilityServiceServicer):
    def __init__(
        self,
        qualification: Qualification,
        administration: EligibilityAdministration,
        searches: EligibilitySearches,
        jobs: BackgroundTasks,
    ) -> None:
        self._qualification = qualification
        self._administration = administration
        self._searches = searches
        self._jobs = jobs  # asynchronous checks are judged after CheckEligibility answered

    async def CheckEligibility(
        self, request: pb.CheckEligibilityRequest, context: Context
    ) -> pb.CheckEligibilityResponse:
        question = check_request_from(request)
        if not request.asynchronous:
            check = await self._qualification.check(question)
        else:
            check = await self._qualification.acknowledge(question)
            work = self._qualification.judge_stored(check.id)
            self._jobs.spawn(work, name=f"eligibility-check-{check.id}")
        return pb.CheckEligibilityResponse(check=check_to(check))

    async def FindEligibleOfferings(
        self, request: pb.FindEligibleOfferingsRequest, context: Context
    ) -> pb.FindEligibleOfferingsResponse:
        found = await self._qualification.find_eligible_offerings(
            party_id=request.party_id,
            channel=request.channel,
            place=place_from(request.place),
            category_id=request.category_id,
            offering_ids=tuple(dict.fromkeys(request.offering_ids)),
            page_size=request.page_size,
        )
        return pb.FindEligibleOfferingsResponse(
            offerings=[eligible_offering_to(o) for o in found.offerings],
            customer_is_prospect=found.customer_is_prospect,
        )

    async def GetEligibilityCheck(
        self, request: pb.GetEligibilityCheckRequest, context: Context
    ) -> pb.GetEligibilityCheckResponse:
        check = await self._qualification.get_check(request.id)
        return pb.GetEligibilityCheckResponse(check=check_to(check))

    async def ListEligibilityChecks(
        self, request: pb.ListEligibilityChecksRequest, context: Context
    ) -> pb.ListEligibilityChecksResponse:
        page = await self._qualification.list_checks(
            check_filter_from(request), PageRequest.of(request.page_size, request.skip)
        )
        return pb.ListEligibilityChecksResponse(
            checks=[check_to(c) for c in page.items], total_size=page.total
        )

    async def UpdateEligibilityCheck(
        self, request: pb.UpdateEligibilityCheckRequest, context: Context
    ) -> pb.UpdateEligibilityCheckResponse:
        updated = await self._qualification.update_check(
            request.check.id,
            frozenset(request.update_mask.paths),
            request.check.description,
            extension_from(request.check.extension),
        )
        return pb.UpdateEligibilityCheckResponse(check=check_to(updated))

    async def DeleteEligibilityCheck(
        self, request: pb.DeleteEligibilityCheckRequest, context: Context
    ) -> pb.DeleteEligibilityCheckResponse:
        await self._qualification.delete_check(request.id)
        return pb.DeleteEligibilityCheckResponse()

    async def CreateEligibilityQuery(
        self, request: pb.CreateEligibilityQueryRequest, context: Context
    ) -> pb.CreateEligibilityQueryResponse:
        criteria = criteria_from(request)
        extension = extension_from(request.extension)
        if not request.asynchronous:
            query = await self._searches.search(criteria, request.description, extension)
        else:
            query = await self._searches.acknowledge(criteria, request.description, extension)
            work = self._searches.answer_stored(query.id)
            self._jobs.spawn(work, name=f"eligibility-query-{query.id}")
        return pb.CreateEligibilityQueryResponse(query=query_to(query))

    async def GetEligibilityQuery(
        self, request: pb.GetEligibilityQueryRequest, context: Context
    ) -> pb.GetEligibilityQueryResponse:
        return pb.GetEligibilityQueryResponse(query=query_to(await self._searches.get(request.id)))

    async def ListEligibilityQueries(
        self, request: pb.ListEligibilityQueriesRequest, context: Context
    ) -> pb.ListEligibilityQueriesResponse:
        page = await self._searches.list(
            check_filter_from(request), PageRequest.of(request.page_size, request.skip)
        )
        return pb.ListEligibilityQueriesResponse(
            queries=[query_to(q) for q in page.items], total_size=page.total
        )

    async def UpdateEligibilityQuery(
        self, request: pb.UpdateEligibilityQueryRequest, context: Context
    ) -> pb.UpdateEligibilityQueryResponse:
        updated = await self._searches.update(
            request.query.id,
            frozenset(request.update_mask.paths),
            request.query.description,
            extension_from(request.query.extension),
        )
        return pb.UpdateEligibilityQueryResponse(query=query_to(updated))

    async def DeleteEligibilityQuery(
        self, request: pb.DeleteEligibilityQueryRequest, context: Context
    ) -> pb.DeleteEligibilityQueryResponse:
        await self._searches.delete(request.id)
        return pb.DeleteEligibilityQueryResponse()

    async def UpsertEligibilityRules(
        self, request: pb.UpsertEligibilityRulesRequest, context: Context
    ) -> pb.UpsertEligibilityRulesResponse:
        stored = await self._administration.upsert_rules(rules_from(request.rules))
        return pb.UpsertEligibilityRulesResponse(rules=[rule_to(r) for r in stored])

    async def ListEligibilityRules(
        self, request: pb.ListEligibilityRulesRequest, context: Context
    ) -> pb.ListEligibilityRulesResponse:
        page = await self._administration.list_rules(
            tuple(request.offering_ids), PageRequest.of(request.page_size, request.skip)
        )
        return pb.ListEligibilityRulesResponse(
            rules=[rule_to(r) for r in page.items], total_size=page.total
        )

    async def DeleteEligibilityRule(
        self, request: pb.DeleteEligibilityRuleRequest, context: Context
    ) -> pb.DeleteEligibilityRuleResponse:
        await self._administration.delete_rule(request.id)
        return pb.DeleteEligibilityRuleResponse()

    async def UpsertCustomerProfiles(
        self, request: pb.UpsertCustomerProfilesRequest, context: Context
    ) -> pb.UpsertCustomerProfilesResponse:
        stored = await self._administration.upsert_profiles(profiles_from(request.profiles))
        return pb.UpsertCustomerProfilesResponse(profiles=[profile_to(p) for p in stored])

    async def GetCustomerProfile(
        self, request: pb.GetCustomerProfileRequest, context: Context
    ) -> pb.GetCustomerProfileResponse:
        profile = await self._administration.get_profile(request.party_id)
        return pb.GetCustomerProfileResponse(profile=profile_to(profile))

    async def ListCustomerProfiles(
        self, request: pb.ListCustomerProfilesRequest, context: Context
    ) -> pb.ListCustomerProfilesResponse:
        page = await self._administration.list_profiles(
            tuple(request.segments), PageRequest.of(request.page_size, request.skip)
        )
        return pb.ListCustomerProfilesResponse(
            profiles=[profile_to(p) for p in page.items], total_size=page.total
        )

    async def DeleteCustomerProfile(
        self, request: pb.DeleteCustomerProfileRequest, context: Context
    ) -> pb.DeleteCustomerProfileResponse:
        await self._administration.delete_profile(request.party_id)
        return pb.DeleteCustomerProfileResponse()
