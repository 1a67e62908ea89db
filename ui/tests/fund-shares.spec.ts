import { afterEach, describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import FundSharesCard from "../src/components/FundSharesCard.vue";
import type { FundShares, TargetResult } from "../src/bindings";
import { $, mountScreen } from "./helpers";

function cap(done: string | null, met: boolean | null): TargetResult {
  return {
    key: "public_service_share",
    label: "公共服务体系资金占比",
    metric: "fund_share",
    unit: "%",
    goal: 15,
    atMost: true,
    done,
    share: null,
    met,
    basis: "",
    requirement: "农村电商公共服务体系资金使用比例15%以内",
  };
}

// 霍邱县 2019: stations awarded 6,000 of 16,000 yuan — 37.5 % of the awards, over the 15 % cap,
// although on the budgets (160万 of 460万) it reads 34.8 %.
function shares(awarded: TargetResult): FundShares {
  return {
    year: 2019,
    total: "4600000.00",
    categories: [
      {
        category: "public_service",
        budget: "1600000.00",
        share: "34.8",
        awarded: "6000.00",
        awardedShare: "37.5",
        paid: "0.00",
        paidShare: "0",
      },
    ],
    caps: [
      {
        programmeId: "p1",
        programmeName: "霍邱县2019年村级电商服务站点",
        target: cap("34.8", false),
        awarded,
        paid: cap("0", true),
      },
    ],
    awarded: "16000.00",
    paid: "9000.00",
    warnings: [],
  };
}

describe("the special fund's shares on the awards", () => {
  afterEach(() => {
    clearMocks();
    document.body.innerHTML = "";
  });

  it("shows each category's awarded share and the cap judged on the awards", async () => {
    await mountScreen(FundSharesCard, (cmd) => (cmd === "fund_shares" ? shares(cap("37.5", false)) : null), {
      years: [2019],
    });
    await flushPromises();
    const categories = $('[data-testid="fund-shares-categories"]').textContent ?? "";
    expect(categories).toContain("6000.00");
    expect(categories).toContain("37.5%");
    expect($('[data-testid="fund-cap-awarded"]').textContent).toContain("37.5% · 不符合");
  });

  it("says nothing is awarded yet rather than judging an empty year", async () => {
    await mountScreen(FundSharesCard, (cmd) => (cmd === "fund_shares" ? shares(cap(null, null)) : null), {
      years: [2019],
    });
    await flushPromises();
    expect(document.querySelector('[data-testid="fund-cap-awarded"]')).toBeNull();
    expect($('[data-testid="fund-shares-caps"]').textContent).toContain("尚无扶持决定");
  });
});
